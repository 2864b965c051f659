// Cancel codes and the duress cancel (issue 15, off unless the policy sets `cancelCodes`).
// Cancelling then asks for a code. A cancel code cancels at AURA as before. A duress code — given
// by an operator forced to stand the response down — looks exactly the same on the screen, but
// does not cancel: the desk tells the control room on the callout's event stream and keeps
// following the callout behind a "cancelled" view. Codes live in the policy only as salted scrypt
// hashes (`npm run policy:hash`); the audit log carries a check value only an investigator holding
// the policy can tell apart, never the word "duress".
import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Callout } from '../shared/model/callout';
import { STAGE_WORDS } from '../shared/stages';

const KEY_BYTES = 32;

/** A salted hash of a code, as the policy stores it: `scrypt$<salt>$<hash>` (base64). */
export function hashCode(code: string, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(code.normalize('NFKC'), salt, KEY_BYTES);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** True when the code matches the stored hash (constant-time compare). */
export function codeMatches(code: string, stored: string): boolean {
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(code.normalize('NFKC'), Buffer.from(saltB64, 'base64'), expected.length || KEY_BYTES);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export type CodeKind = { kind: 'cancel' | 'duress'; hash: string } | { kind: 'wrong' };

/**
 * Which code this is. Every hash is checked whatever matches first, so the time taken does not
 * tell a watcher which kind of code was typed.
 */
export function classifyCode(code: string, codes: { cancel: readonly string[]; duress: readonly string[] }): CodeKind {
  let found: CodeKind = { kind: 'wrong' };
  for (const hash of codes.duress)
    if (codeMatches(code, hash) && found.kind === 'wrong') found = { kind: 'duress', hash };
  for (const hash of codes.cancel)
    if (codeMatches(code, hash) && found.kind === 'wrong') found = { kind: 'cancel', hash };
  return found;
}

/** What the control room reads on the callout. */
export function duressMessage(at: number, deskName: string): string {
  const time = new Date(at)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return `DURESS — cancel requested under duress at ${time}, ${deskName}`;
}

/**
 * For the audit log: a value that looks the same for every coded cancel. Whoever holds the
 * policy recomputes it with each code hash to learn which kind of code was used.
 */
export function codeCheck(hash: string, calloutId: string): string {
  return createHash('sha256').update(`${hash}:${calloutId}`).digest('hex').slice(0, 16);
}

/** The callout as a normal cancel would show it: the desk's note, then "Cancelled". */
export function maskedAsCancelled(callout: Callout, note: string, at: number): Callout {
  return {
    ...callout,
    stage: 'cancelled',
    rawStatus: 'Cancelled',
    timeline: [
      ...callout.timeline,
      { at, kind: 'event', stage: null, text: note, auraAt: null },
      { at, kind: 'stage', stage: 'cancelled', text: STAGE_WORDS.cancelled, auraAt: null },
    ],
  };
}

/** The masked view once AURA closes the real callout, as a cancelled one closes. */
export function maskClosed(mask: Callout, at: number): Callout {
  if (mask.stage === 'closed') return mask;
  return {
    ...mask,
    stage: 'closed',
    rawStatus: 'Closed',
    closedAt: at,
    timeline: [...mask.timeline, { at, kind: 'stage', stage: 'closed', text: STAGE_WORDS.closed, auraAt: null }],
  };
}
