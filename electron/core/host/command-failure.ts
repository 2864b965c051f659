// How a failed command is worded for the page (shared/wire.ts replies, for Electron IPC and the
// harness alike): AURA's errors in the operator's words, with every secret and token this process
// holds removed.
import { AuraError, describeError } from '../aura/errors';
import { redactKnown } from '../diagnostics/redact';

/** What an error reply says: whatever a handler threw, no secret or token this process holds goes out. */
export function describeCommandFailure(error: unknown): string {
  const message =
    error instanceof AuraError ? describeError(error) : error instanceof Error ? error.message : 'Unexpected error';
  return redactKnown(message);
}
