// The one wire between a page and the desk, whatever carries it: Electron IPC in the app
// (main/ipc.ts), a WebSocket in the web harness (test/harness/server.ts). As in VS Code's
// IMessagePassingProtocol, a transport only sends a message, hands over what arrives and says when
// it closed; `serveContract` does the rest, the same for both: it checks each request's command
// name against the contract, parses its payload with the command's zod schema, asks the host,
// replies ok or error, and forwards the desk's state events, until the transport closes.
import { z } from 'zod';
import { isCommandName, type CommandName, type EventName } from './command-names';
import {
  commands,
  type CommandOutput,
  type CommandParsedInput,
  type CommandResult,
  type EventPayload,
} from './contract';
import type { DeskState } from './model/desk-state';

/** Page to host: run command `name` with `payload`. Untrusted until parsed; `id` pairs the reply. */
export const WireRequestSchema = z.object({
  id: z.number(),
  name: z.unknown().optional(),
  payload: z.unknown().optional(),
});
export type WireRequest = z.infer<typeof WireRequestSchema>;
/** Host to page: the outcome of request `id`. */
export interface WireReply {
  id: number;
  result: CommandResult<unknown>;
}
/** Host to page, unasked: an event of the contract (the whole desk state, for `state.changed`). */
export interface WireEvent<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}
export type WireToPage = WireReply | WireEvent;

/** What the wire needs of the desk: run a command whose payload already passed its schema, and its state events. */
export interface WireHost {
  invoke<N extends CommandName>(name: N, input: CommandParsedInput<N>): Promise<CommandOutput<N>>;
  onChange(listener: (state: DeskState) => void): () => void;
  /** The words an error reply carries for what `invoke` threw: the host's wording, never a secret. */
  describeFailure(error: unknown): string;
}

/** What carries the wire. Messages arriving are untrusted (`unknown`); each on… returns its unsubscribe. */
export interface WireTransport {
  send(message: WireToPage): void;
  onMessage(listener: (message: unknown) => void): () => void;
  onClose(listener: () => void): () => void;
}

/** The reply to one request: unknown command, payload refused by its schema, or the host's answer. */
export async function answerRequest(host: WireHost, name: unknown, payload: unknown): Promise<CommandResult<unknown>> {
  if (!isCommandName(name)) {
    // Never String() an untrusted value: a deeply nested array overflows the stack doing so.
    const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 60)) : `(a ${typeof name})`;
    return { ok: false, error: { code: 'unknownCommand', message: `Unknown command ${shown}` } };
  }
  const parsed = commands[name].input.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'payload';
    return {
      ok: false,
      error: { code: 'invalidPayload', message: `${name}: ${where}: ${issue?.message ?? 'invalid'}` },
    };
  }
  try {
    // The schema's output is the command's parsed input; the cast only joins the union back up.
    return { ok: true, value: await host.invoke(name, parsed.data as CommandParsedInput<typeof name>) };
  } catch (error) {
    return { ok: false, error: { code: 'failed', message: host.describeFailure(error) } };
  }
}

const STATE_EVENT: EventName = 'state.changed';

/** Serves the contract on one transport until it closes (or the returned function is called). */
export function serveContract(host: WireHost, transport: WireTransport): () => void {
  let open = true;
  const send = (message: WireToPage): void => {
    if (open) transport.send(message);
  };
  const stopEvents = host.onChange((state) => send({ event: STATE_EVENT, payload: state }));
  const stopMessages = transport.onMessage((message) => {
    const request = WireRequestSchema.safeParse(message);
    // Not a request: there is no id to answer to, so nothing is sent back.
    if (!request.success) return;
    const { id, name, payload } = request.data;
    void answerRequest(host, name, payload).then((result) => send({ id, result }));
  });
  const stops = [stopEvents, stopMessages];
  const close = (): void => {
    if (!open) return;
    open = false;
    for (const stop of stops) stop();
  };
  stops.push(transport.onClose(close));
  return close;
}
