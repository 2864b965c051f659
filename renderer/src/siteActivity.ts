// What each site's card needs from the desk's state, worked out once per state (not once per
// card), so that a card selects one object and redraws only when its own site changed.
import type { Callout } from '@shared/model/callout';
import type { DeskState } from '@shared/model/desk-state';
import type { PressView } from '@shared/model/press';

/** What one site's card needs, precomputed once per state so that each card selects one object. */
export interface SiteActivity {
  /** Presses not (yet) delivered to AURA, oldest first. */
  unsent: PressView[];
  /** The site's newest callout (active or the last closed one), if any. */
  latest: Callout | null;
  /** The press that raised `latest`, for its dispatch state. */
  latestPress: PressView | null;
}

const NO_ACTIVITY: SiteActivity = { unsent: [], latest: null, latestPress: null };

/** Every site's activity, by site id; a site with neither press nor callout has no entry. */
export function activityOf(desk: Pick<DeskState, 'presses' | 'callouts'>): Record<string, SiteActivity> {
  const out: Record<string, SiteActivity> = {};
  const get = (siteId: string): SiteActivity => (out[siteId] ??= { unsent: [], latest: null, latestPress: null });
  for (const press of desk.presses) {
    if (press.phase !== 'sent' && !press.dismissed) get(press.siteId).unsent.push(press);
  }
  for (const callout of desk.callouts) {
    const a = get(callout.siteId);
    if (!a.latest || callout.pressedAt >= a.latest.pressedAt) a.latest = callout;
  }
  // The press that raised the callout is its first one; a later press on the same callout is news
  // on the callout, not its raise (so "pressed at" shows the first press's time).
  for (const press of desk.presses) {
    const a = out[press.siteId];
    if (!a?.latest || press.calloutId !== a.latest.id) continue;
    if (!a.latestPress || press.pressedAt < a.latestPress.pressedAt) a.latestPress = press;
  }
  return out;
}

/** One site's activity; the same empty object for every quiet site. */
export function siteActivity(activity: Record<string, SiteActivity>, siteId: string): SiteActivity {
  return activity[siteId] ?? NO_ACTIVITY;
}
