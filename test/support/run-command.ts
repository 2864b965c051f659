// One contract command from an untrusted caller, handled exactly as a request on the wire is
// (shared/wire.ts: name check, schema, the host, failure words): for tests that drive a desk host
// (or anything with its `invoke`) without a transport, and so without state events.
import { describeCommandFailure } from '../../electron/core/host/command-failure';
import type { CommandResult } from '../../electron/shared/contract';
import { answerRequest, type WireHost } from '../../electron/shared/wire';

export function runCommand(
  target: Pick<WireHost, 'invoke'>,
  name: unknown,
  payload: unknown,
): Promise<CommandResult<unknown>> {
  const host: WireHost = {
    invoke: (command, input) => target.invoke(command, input),
    onChange: () => () => undefined,
    describeFailure: describeCommandFailure,
  };
  return answerRequest(host, name, payload);
}
