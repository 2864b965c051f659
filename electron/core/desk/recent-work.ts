// What a state update carries of the desk's callouts (issue 25 item 8): recent work, not the
// history. Every callout not closed, each site's newest (its card), and the callouts closed in the
// last hour (at most RECENT_CLOSED); the rest of the 30-day history stays in main, counted in
// `historyCount`, and the History view asks for it (`history.list`). So an update's size follows
// what is happening now, never how long the desk has run.
import type { Callout } from '../../shared/model/callout';
import type { Press } from '../../shared/model/press';

/** Callouts closed this recently ride along, at most RECENT_CLOSED of them (besides each site's newest). */
const RECENT_MS = 3600 * 1000;
/** At most this many closed callouts ride along (besides each site's newest). */
const RECENT_CLOSED = 20;

function closedAt(c: Callout): number {
  return c.closedAt ?? c.pressedAt;
}

/** The callouts a state update carries, in the record's order, and how many closed ones it leaves out. */
export function recentCallouts(callouts: readonly Callout[], now: number): { shown: Callout[]; left: number } {
  const newest = new Map<string, Callout>();
  for (const c of callouts) {
    const seen = newest.get(c.siteId);
    if (!seen || c.pressedAt >= seen.pressedAt) newest.set(c.siteId, c);
  }
  const recent = callouts
    .filter((c) => c.stage === 'closed' && now - closedAt(c) <= RECENT_MS)
    .sort((a, b) => closedAt(b) - closedAt(a))
    .slice(0, RECENT_CLOSED);
  const keep = new Set([...newest.values(), ...recent]);
  const shown = callouts.filter((c) => c.stage !== 'closed' || keep.has(c));
  const closed = callouts.filter((c) => c.stage === 'closed').length;
  return { shown, left: closed - shown.filter((c) => c.stage === 'closed').length };
}

/**
 * The presses a state update carries: every one not yet sent (the operator may have to act), the
 * newest `newest` sent ones (the ledger keeps as many: MAX_RECENT_DONE), and any sent one whose
 * callout rides along (its card's "pressed at" and outcome). Counted, not timed, so a clock jump
 * hides nothing recent. The others stay in the ledger and their callouts in the History view.
 */
export function recentPresses<P extends Pick<Press, 'status' | 'calloutId' | 'pressedAt'>>(
  presses: readonly P[],
  shown: readonly Callout[],
  newest: number,
): P[] {
  const ids = new Set(shown.map((c) => c.id));
  const recent = new Set(
    presses
      .filter((p) => p.status === 'sent')
      .sort((a, b) => b.pressedAt - a.pressedAt)
      .slice(0, newest),
  );
  return presses.filter((p) => p.status !== 'sent' || recent.has(p) || (p.calloutId !== null && ids.has(p.calloutId)));
}

/** The history: every closed callout the desk keeps (30 days), as the History view lists them. */
export function closedCallouts(callouts: readonly Callout[]): Callout[] {
  return callouts.filter((c) => c.stage === 'closed');
}
