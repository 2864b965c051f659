// Colleagues alerted (issue 24 item 3): on an ordinary desk, a callout raised elsewhere (another
// desk, an alarm panel, AURA's console) on a site this desk shows is already on that site's card
// (issue 15). The policy's `colleagueAlerts` adds a system notification and a tray state for it:
// "off" (the default), "silent" or "sound". AURA carries no "silent" flag, so such a notification
// can reveal a silent (hotkey) press made at the next desk: docs/policy.md says so. Never for this
// desk's own press, including one AURA added to a callout someone else raised ("Pressed again").
import type { Callout } from '../../shared/model/callout';
import type { DeskState } from '../../shared/model/desk-state';

const ENDED: ReadonlySet<Callout['stage']> = new Set(['completed', 'cancelled', 'closed']);

/** The words of the notification and of the tray. */
export function colleagueWords(siteName: string): string {
  return `Callout at ${siteName} — raised by another desk`;
}

/** A callout on a shown site that someone else raised and this desk never pressed on. */
export function isColleagueCallout(callout: Callout, state: Pick<DeskState, 'sites' | 'presses'>): boolean {
  if (!callout.raisedElsewhere) return false;
  if (!state.sites.some((site) => site.id === callout.siteId)) return false;
  if (state.presses.some((press) => press.calloutId === callout.id)) return false;
  // A press of this desk that AURA added to it is noted on its timeline, and outlives the press record.
  return !callout.timeline.some((entry) => entry.kind === 'event' && entry.text.startsWith('Pressed again'));
}

/** The colleagues' callouts still under way, for the tray: none when the policy turns alerts off or on a monitor. */
export function activeColleagueCallouts(state: DeskState): Callout[] {
  if (state.policy.colleagueAlerts === 'off' || state.policy.role === 'monitor') return [];
  return state.callouts.filter((c) => !ENDED.has(c.stage) && isColleagueCallout(c, state));
}

/** The tray's line for them, or null. */
export function colleagueTrayLine(state: DeskState): string | null {
  const active = activeColleagueCallouts(state);
  const first = active[0];
  if (!first) return null;
  const name = state.allSites.find((s) => s.id === first.siteId)?.name ?? first.siteId;
  return active.length === 1 ? colleagueWords(name) : `${colleagueWords(name)} (+${active.length - 1} more)`;
}
