// The desk host as the wire serves it (shared/wire.ts, for Electron IPC and the harness alike): a
// command runs the host's handler of that name, and a failure is worded for the page (AURA's
// errors in the operator's words) with every secret and token this process holds removed.
import type { DeskState } from '../shared/model/desk-state';
import type { WireHost } from '../shared/wire';
import type { Handlers } from './desk';
import { AuraError, describeError } from './aura/errors';
import { redactKnown } from './aura/redact';

/** What an error reply says: whatever a handler threw, no secret or token this process holds goes out. */
export function describeCommandFailure(error: unknown): string {
  const message =
    error instanceof AuraError ? describeError(error) : error instanceof Error ? error.message : 'Unexpected error';
  return redactKnown(message);
}

/** A desk host (its handlers and state events) as the wire's host. */
export function wireHostOf(host: {
  handlers: Handlers;
  onChange(listener: (state: DeskState) => void): () => void;
}): WireHost {
  return {
    invoke: (name, input) => host.handlers[name](input),
    onChange: (listener) => host.onChange(listener),
    describeFailure: describeCommandFailure,
  };
}
