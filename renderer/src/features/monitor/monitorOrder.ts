// The order of a monitor's board (issue 24 item 2): what AURA holds, most urgent first. Callouts
// still open come before closed ones; within each, the newest stage change is on top, so a
// callout that just moved rises to the top of the wallboard. Closed ones are kept to a few.
import type { Callout } from '@shared/model/callout';

/** How many closed callouts the board keeps below the open ones. */
export const CLOSED_SHOWN = 6;

/** When the callout last changed stage (its raise, before any stage was read). */
export function lastStageChangeAt(callout: Callout): number {
  let at = callout.pressedAt;
  for (const entry of callout.timeline) if (entry.kind === 'stage' && entry.at > at) at = entry.at;
  return at;
}

export function monitorOrder(callouts: readonly Callout[]): Callout[] {
  const newestFirst = (a: Callout, b: Callout): number => lastStageChangeAt(b) - lastStageChangeAt(a);
  const open = callouts.filter((c) => c.stage !== 'closed').sort(newestFirst);
  const closed = callouts.filter((c) => c.stage === 'closed').sort(newestFirst);
  return [...open, ...closed.slice(0, CLOSED_SHOWN)];
}
