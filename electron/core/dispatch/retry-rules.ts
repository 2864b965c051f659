// The dispatcher's rules for "when next" and "may it have arrived", in one place: backoff with
// jitter, Retry-After honoured but capped (a server cannot hold a panic for an hour, or make it
// spin with a delay that overflows a timer), and which failures leave the outcome unknown.
import { AuraError } from '../aura/errors';

/** The most a Retry-After can hold a press back. */
export const PRESS_RETRY_AFTER_CAP_MS = 30_000;
/** Delays between attempts; the last repeats forever (jitter of ±20 % is added). */
export const DEFAULT_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 10_000] as const;
/** Presses parked on rejected credentials are also tried again this often. */
export const PARKED_RETRY_MS = 60_000;

/** True when the request may have reached AURA and been handled though no answer came back. */
export function mayHaveReached(error: unknown): boolean {
  if (!(error instanceof AuraError)) return true;
  if (error.notSent) return false;
  return (
    error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'badResponse'
  );
}

export interface BackoffOptions {
  delaysMs: readonly number[];
  settleAfterTimeoutMs: number;
  random: () => number;
}

/** When to try again after a transient failure: backoff, a timeout's settle time, Retry-After (capped). */
export function backoffMs(error: unknown, attempts: number, opts: BackoffOptions): number {
  const kind = error instanceof AuraError ? error.kind : null;
  const retryAfter = error instanceof AuraError ? error.retryAfterMs : null;
  const cappedRetryAfter = Math.min(PRESS_RETRY_AFTER_CAP_MS, Math.max(0, retryAfter ?? 0));
  // Rate limited (refused before handling, so the next attempt raises at once: see mayHaveReached):
  // back as soon as AURA allows, without a growing backoff, since nothing is down (issue 15's fleet).
  if (kind === 'rateLimited' && retryAfter !== null) return Math.max(cappedRetryAfter, 500);
  const settle = kind === 'timeout' ? opts.settleAfterTimeoutMs : 0;
  const delays = opts.delaysMs;
  const base = delays[Math.min(Math.max(attempts, 1), delays.length) - 1] ?? 10_000;
  const jitter = 0.8 + 0.4 * opts.random();
  return Math.max(cappedRetryAfter, settle, Math.round(base * jitter));
}
