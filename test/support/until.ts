// The tests' one way to wait: poll a condition until it holds, or fail with a message that says
// what was awaited and for how long (and, for a desk, the state it was left in). No test sleeps
// for a fixed time to let something happen.
import type { DeskState } from '../../electron/shared/model/desk-state';

/** Anything with a desk's state: a Desk, a DeskHost. */
export interface HasState {
  getState(): DeskState;
}

type Falsy = undefined | null | false;

/** Half the test timeout (vitest.config.ts), so this message, not vitest's, says what went wrong. */
const DEFAULT_MS = 10_000;
const POLL_MS = 10;

/**
 * Waits until `source`'s state passes `ok`, and returns that state; or until `read()` returns a
 * truthy value, and returns it. Throws after `ms` (default 10 s), naming `what`.
 */
export function until(
  source: HasState,
  ok: (s: DeskState) => boolean,
  ms?: number | string,
  what?: string,
): Promise<DeskState>;
export function until<T>(read: () => T | Falsy, ms?: number, what?: string): Promise<T>;
export async function until<T>(
  first: HasState | (() => T | Falsy),
  second?: ((s: DeskState) => boolean) | number,
  third?: number | string,
  fourth?: string,
): Promise<T | DeskState> {
  if (typeof first === 'function') {
    return poll(first, typeof second === 'number' ? second : DEFAULT_MS, typeof third === 'string' ? third : '');
  }
  const ok = second as (s: DeskState) => boolean;
  const ms = typeof third === 'number' ? third : DEFAULT_MS;
  return poll(
    () => pass(first.getState(), ok),
    ms,
    fourth ?? 'the desk state',
    () => first.getState(),
  );
}

function pass(state: DeskState, ok: (s: DeskState) => boolean): DeskState | false {
  return ok(state) ? state : false;
}

async function poll<T>(read: () => T | Falsy, ms: number, what: string, last?: () => unknown): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) {
      const seen = last ? `; last state: ${JSON.stringify(last()).slice(0, 800)}` : '';
      throw new Error(`timed out after ${ms} ms waiting for ${what || 'the condition'}${seen}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Like `until`, but answers false instead of throwing (for "this must not happen" checks). */
export async function reached(ok: () => boolean, ms: number): Promise<boolean> {
  try {
    await until(ok, ms);
    return true;
  } catch {
    return false;
  }
}
