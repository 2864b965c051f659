// Wrong cancel codes in a row (issue 21 finding 4): after 5, every try is refused for a while
// that doubles with each further wrong code (30 s, 60 s, 2 min … at most 1 h), whatever is
// typed, so guessing a 6-digit code at the desk takes years. Kept in the store, so a restart
// does not clear it; a right code (of either kind) does.
import { z } from 'zod';

export const FREE_TRIES = 5;
const FIRST_LOCKOUT_S = 30;
const LONGEST_LOCKOUT_S = 3600;

export const CodeLockoutSchema = z.object({
  /** Wrong codes since the last right one. */
  failures: z.number().int().min(0),
  /** Wall-clock time (ms) before which every try is refused; 0: none. */
  until: z.number(),
});
export type CodeLockout = z.infer<typeof CodeLockoutSchema>;
export const NO_LOCKOUT: CodeLockout = { failures: 0, until: 0 };

/** The lockout a number of wrong codes earns, in seconds (0 below FREE_TRIES). */
export function lockoutSeconds(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(LONGEST_LOCKOUT_S, FIRST_LOCKOUT_S * 2 ** Math.min(failures - FREE_TRIES, 20));
}

/**
 * Seconds left before the next try, 0 when none. Never more than the lockout the failures
 * earned: a clock set back does not lengthen it beyond that.
 */
export function secondsLeft(state: CodeLockout, now: number): number {
  const left = Math.ceil((state.until - now) / 1000);
  return Math.max(0, Math.min(left, lockoutSeconds(state.failures)));
}

export function afterWrongCode(state: CodeLockout, now: number): CodeLockout {
  const failures = state.failures + 1;
  const seconds = lockoutSeconds(failures);
  return { failures, until: seconds ? now + seconds * 1000 : 0 };
}

export const tooManyWords = (seconds: number): string => `Too many wrong codes, try again in ${seconds} s`;
