// Runs one contract command from an untrusted caller: validates the payload with the command's
// zod schema, runs it on the desk host and wraps the outcome as a CommandResult. Both transports
// (Electron IPC in main, the WebSocket in the test harness) call this and nothing else.
import { commands, type CommandName, type CommandResult } from '../shared/contract';
import type { DeskHost } from './desk-host';
import { AuraError, describeError } from './aura/errors';
import { redactKnown } from './aura/redact';

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(commands, name);
}

export async function runCommand(
  target: Pick<DeskHost, 'invoke'>,
  name: unknown,
  payload: unknown,
): Promise<CommandResult<unknown>> {
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
    return { ok: true, value: await target.invoke(name, parsed.data) };
  } catch (error) {
    const message =
      error instanceof AuraError ? describeError(error) : error instanceof Error ? error.message : 'Unexpected error';
    // Whatever a handler threw, no secret or token this process holds goes out in the reply.
    return { ok: false, error: { code: 'failed', message: redactKnown(message) } };
  }
}
