// Where a press stands for the operator: the one state that the header, the Desk tab, the
// attention strip, the card and the announcements all show (issue 23 item 1). The desk computes
// it on the monotonic clock and sends it with each press (`PressView.phase`); the screen never
// works it out again. Free of zod, like stages.ts.

export const PRESS_PHASES = ['sending', 'notConfirmed', 'notSent', 'stillNeeded', 'refused', 'sent'] as const;
export type PressPhase = (typeof PRESS_PHASES)[number];

/**
 * A press made on screen that AURA has not confirmed within this reads NOT CONFIRMED everywhere.
 * The issue allows 5 s at most; 4 s leaves room for the state to reach the screen within 5 s.
 */
export const CONFIRM_WITHIN_MS = 4000;

/**
 * The press fields a phase is worked out from. Declared here, not picked from model/press.ts,
 * because the model's `PressViewSchema` takes its phases from this file (no cycle); a status or
 * source the model adds stops `Press` fitting, so the compiler asks for its phase.
 */
interface PhaseFacts {
  status: 'queued' | 'sending' | 'notSent' | 'sent' | 'failed';
  source: 'button' | 'hotkey' | 'tray';
  stale: boolean;
  attempts: number;
}

/**
 * - sent: AURA has it; refused: AURA refused it for good; stillNeeded: past the stale limit, the
 *   operator chooses (issue 10);
 * - a silent (hotkey) press keeps its old words: sending while an attempt runs, NOT SENT between;
 * - any other press (button, tray) is "sending" only until AURA confirms it, an attempt fails or
 *   CONFIRM_WITHIN_MS pass, whichever comes first; from then on it is NOT CONFIRMED until AURA
 *   confirms it, whatever the retries do (it never flips back to "sending").
 */
export function pressPhase(press: PhaseFacts, ageMs: number): PressPhase {
  if (press.status === 'sent') return 'sent';
  if (press.status === 'failed') return 'refused';
  if (press.stale) return 'stillNeeded';
  if (press.source === 'hotkey') return press.status === 'notSent' ? 'notSent' : 'sending';
  const failedOnce = press.status === 'notSent' || press.attempts > 1;
  return failedOnce || ageMs >= CONFIRM_WITHIN_MS ? 'notConfirmed' : 'sending';
}

/** A phase the operator must act on: phone the control room. */
export function isTrouble(phase: PressPhase): boolean {
  return phase === 'notConfirmed' || phase === 'notSent' || phase === 'stillNeeded' || phase === 'refused';
}

/** The headline of each phase, as every part of the screen writes it. */
export const PHASE_WORDS: Record<PressPhase, string> = {
  sending: 'Sending…',
  notConfirmed: 'NOT CONFIRMED',
  notSent: 'NOT SENT',
  stillNeeded: 'STILL NEEDED?',
  refused: 'NOT SENT',
  sent: 'Sent to AURA',
};

/** "phone the control room now: +27 …", or where to set the number when there is none. */
export function phoneNow(phone: string): string {
  return phone ? `phone the control room now: ${phone}` : 'phone the control room now (set its number in Settings)';
}
