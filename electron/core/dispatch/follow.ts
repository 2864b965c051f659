// The desk's side of following callouts it did not raise and callouts it stops following: which
// listed callout belongs on this desk, the card of a callout raised elsewhere, and the marks for
// "no longer followed". Pure functions over the shared model; desk.ts applies them.
import type { Callout, Site } from '../../shared/model';
import type { AuraCallout } from '../aura/schemas';
import type { ListedCallout } from './poller';
import { applySnapshot } from './timeline';

/** The card's words for a callout the desk stopped following (also in the audit log). */
export const NO_LONGER_FOLLOWED = 'no longer followed — close it in AURA';

/**
 * The site of this desk that a listed callout belongs to, if the desk should follow it: one of
 * the sites it shows, and no press of this desk on that site still on its way (its callout may
 * be listed before the raise answers; it must not be taken for someone else's).
 */
export function siteOfListed(
  listed: ListedCallout,
  sites: readonly Site[],
  pressPendingFor: (siteId: string) => boolean,
): Site | null {
  if (listed.predefinedLocationId === null) return null;
  const site = sites.find((s) => s.auraId === listed.predefinedLocationId);
  if (!site || pressPendingFor(site.id)) return null;
  return site;
}

/** The card of a callout someone else raised, from its first full read. */
export function calloutRaisedElsewhere(snapshot: AuraCallout, siteId: string, seenAt: number): Callout {
  const raisedAt = snapshot.createdAt === null ? NaN : Date.parse(snapshot.createdAt);
  const pressedAt = Number.isNaN(raisedAt) ? seenAt : raisedAt;
  const base: Callout = {
    id: snapshot.id,
    siteId,
    stage: 'created',
    rawStatus: '',
    pressedAt,
    silent: false,
    responder: null,
    closedAt: null,
    raisedElsewhere: true,
    unfollowedAt: null,
    timeline: [
      {
        at: pressedAt,
        kind: 'event',
        stage: null,
        text: 'Raised elsewhere (not from this desk)',
        auraAt: snapshot.createdAt,
      },
    ],
  };
  return applySnapshot(base, snapshot, seenAt);
}

/** How long (wall clock, for a restart only) a callout has been completed or cancelled; 0 otherwise. */
export function settledForMs(callout: Callout, now: number): number {
  if (callout.stage !== 'completed' && callout.stage !== 'cancelled') return 0;
  const last = [...callout.timeline].reverse().find((e) => e.kind === 'stage');
  return last ? Math.max(0, now - last.at) : 0;
}

export function markUnfollowed(callout: Callout, at: number): Callout {
  return callout.unfollowedAt == null ? { ...callout, unfollowedAt: at } : callout;
}

export function markFollowed(callout: Callout): Callout {
  return callout.unfollowedAt == null ? callout : { ...callout, unfollowedAt: null };
}
