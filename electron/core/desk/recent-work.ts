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

/**
 * What of the history (the closed callouts, as shown) may ride along: each site's newest and the
 * last hour's closed. Derived once per change of the history (or of the minute), so that a state
 * update walks only the live callouts (bench history).
 */
export interface HistoryDigest {
  /** Each site's newest closed callout and the recently closed ones, in the history's order. */
  candidates: readonly Callout[];
  /** Of the candidates, those closed within the last hour (they ride along whatever is live). */
  recent: ReadonlySet<Callout>;
  /** How many closed callouts the history holds. */
  count: number;
}

export function digestHistory(history: readonly Callout[], now: number): HistoryDigest {
  const closed = history.filter((c) => c.stage === 'closed');
  const newest = new Map<string, Callout>();
  for (const c of closed) {
    const seen = newest.get(c.siteId);
    if (!seen || c.pressedAt >= seen.pressedAt) newest.set(c.siteId, c);
  }
  const recent = new Set(
    closed
      .filter((c) => now - closedAt(c) <= RECENT_MS)
      .sort((a, b) => closedAt(b) - closedAt(a))
      .slice(0, RECENT_CLOSED),
  );
  const keep = new Set([...newest.values(), ...recent]);
  return { candidates: closed.filter((c) => keep.has(c)), recent, count: closed.length };
}

/**
 * The callouts a state update carries, the history's then the live ones, and how many closed ones
 * it leaves out: every live callout, each site's newest (a closed one only when no live callout of
 * its site is as new) and the last hour's closed.
 */
export function recentFrom(digest: HistoryDigest, live: readonly Callout[]): { shown: Callout[]; left: number } {
  const newestLive = new Map<string, number>();
  for (const c of live) newestLive.set(c.siteId, Math.max(c.pressedAt, newestLive.get(c.siteId) ?? -Infinity));
  const closed = digest.candidates.filter(
    (c) => digest.recent.has(c) || !(c.pressedAt <= (newestLive.get(c.siteId) ?? -Infinity)),
  );
  return { shown: [...closed, ...live], left: digest.count - closed.length };
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
