// One contract command from an untrusted caller, handled exactly as a request on the wire is
// (shared/wire.ts: name check, schema, the host, failure words): for tests that drive a desk host's
// handlers without a transport (and so without state events).
import { wireHostOf } from '../../electron/core/commands';
import type { Handlers } from '../../electron/core/desk';
import type { CommandResult } from '../../electron/shared/contract';
import { answerRequest } from '../../electron/shared/wire';

export function runCommand(
  target: { handlers: Handlers },
  name: unknown,
  payload: unknown,
): Promise<CommandResult<unknown>> {
  const host = wireHostOf({ handlers: target.handlers, onChange: () => () => undefined });
  return answerRequest(host, name, payload);
}
