// The desk's side of the poll cycle: reading a followed callout (in full and/or its events) into
// the desk's callouts, discovering callouts raised elsewhere for the desk's sites, and marking a
// callout "no longer followed". The poller decides when; this decides what it means for the desk.
import type { Site } from '../../shared/model/site';
import type { Callout } from '../../shared/model/callout';
import type { Press } from '../../shared/model/press';
import { STAGE_WORDS } from '../../shared/stages';
import type { AuditKind } from '../audit/audit-log';
import type { CalloutReading, CalloutSnapshot, TimelineEvent } from '../aura/port';
import type { Clock } from '../ports';
import type { ListedCallout, PollOutcome } from './cycle-plan';
import { applyEvents, applySnapshot } from './timeline';

/** What reading callouts needs of the desk. */
export interface FollowHost {
  api: {
    getCallout(calloutId: string): Promise<CalloutReading>;
    listCalloutEvents(calloutId: string): Promise<TimelineEvent[]>;
  } | null;
  clock: Clock;
  /** The desk's callout of this id, if it has one. */
  callout(id: string): Callout | undefined;
  /** Puts a new or changed callout into the desk's list, saves and publishes it. */
  put(callout: Callout): void;
  audit(kind: AuditKind, text: string, data: Record<string, string | number | boolean | null>): void;
  siteName(siteId: string): string;
  /** The sites this desk shows. */
  sites(): readonly Site[];
  /** A press of this desk on the site may be at AURA unanswered (`raiseOnItsWay`). */
  raiseOnItsWay(siteId: string): boolean;
  onContact(): void;
  /** Publishes state when nothing changed (readiness may have). */
  emit(): void;
  /** A callout shown as cancelled under duress (duress.ts): its progress stays out of the audit log. */
  hasDuressView(calloutId: string): boolean;
  /** Hears of every read callout (the duress mask follows it to closed). */
  onRead(callout: Callout, now: number): void;
  /** Messages this desk sent on the callout (marked as ours when AURA's events list them). */
  sentTexts(calloutId: string): ReadonlySet<string>;
}

export class CalloutFollower {
  /** Callouts raised elsewhere found in AURA's list, with their site, until their first read. */
  private readonly discovered = new Map<string, string>();

  constructor(private readonly host: FollowHost) {}

  /** A listed callout this desk does not follow: one of its sites' (and not its own press on the way)? */
  discover(listed: ListedCallout): boolean {
    if (this.host.callout(listed.id)) return false;
    const site = siteOfListed(listed, this.host.sites(), (id) => this.host.raiseOnItsWay(id));
    if (!site) return false;
    this.discovered.set(listed.id, site.id);
    return true;
  }

  /** Callouts followed without a card yet (found in AURA's list, or a press's answer). */
  expected(): Iterable<string> {
    return this.discovered.keys();
  }

  /** A callout this desk will follow though it has no card of it yet: its first full read makes one. */
  expect(calloutId: string, siteId: string): void {
    if (!this.find(calloutId)) this.discovered.set(calloutId, siteId);
  }

  /**
   * Reads a callout in full and/or its events (both at once) and records what changed. A callout
   * just discovered in AURA's list gets its card from its first full read. The two reads are
   * applied independently (issue 20): a broken events route never freezes the stage, nor a broken
   * callout route the events. A failed details read throws (the poller backs the callout off);
   * a failed events read alone is returned as `eventsError`.
   */
  async read(calloutId: string, what: { details: boolean; events: boolean }): Promise<PollOutcome> {
    const { api, clock } = this.host;
    const known = this.find(calloutId);
    const site = this.discovered.get(calloutId);
    if (!api || (!known && site === undefined)) return { stage: 'unknown', status: '', closed: true };
    const [details, listed] = await Promise.allSettled([
      what.details || !known ? api.getCallout(calloutId) : null,
      what.events ? api.listCalloutEvents(calloutId) : null,
    ]);
    const read = details.status === 'fulfilled' ? details.value : null;
    const events = listed.status === 'fulfilled' ? listed.value : null;
    if (read || events) this.host.onContact();
    const now = clock.now();
    const current = this.find(calloutId);
    let next: Callout;
    if (current) next = read ? markFollowed(applySnapshot(current, read.callout, now)) : current;
    else if (read && site !== undefined) next = calloutRaisedElsewhere(read.callout, site, now);
    else if (details.status === 'rejected') throw details.reason;
    else return { stage: 'unknown', status: '', closed: true };
    this.discovered.delete(calloutId);
    if (events) next = applyEvents(next, events, now, this.host.sentTexts(calloutId));
    // Before the audit: a view this read makes (a monitor's duress view, issue 24) keeps its stages out of it.
    this.host.onRead(next, now);
    const where = this.host.siteName(next.siteId);
    if (!current) {
      this.host.audit('calloutElsewhere', `Callout ${calloutId} for ${where} raised elsewhere`, {
        callout: calloutId,
        site: next.siteId,
        status: next.rawStatus,
      });
    } else if (next.stage !== current.stage && !this.host.hasDuressView(calloutId)) {
      this.host.audit('stage', `Callout ${calloutId} at ${where}: ${STAGE_WORDS[next.stage]}`, {
        callout: calloutId,
        stage: next.stage,
        status: next.rawStatus,
      });
    }
    if (next !== current) this.host.put(next);
    else this.host.emit();
    if (details.status === 'rejected') throw details.reason;
    const closed = read?.closed === true || next.stage === 'closed';
    const outcome: PollOutcome = { stage: next.stage, status: next.rawStatus, closed };
    return listed.status === 'rejected' ? { ...outcome, eventsError: listed.reason } : outcome;
  }

  /** Completed or cancelled for 24 h and still open in AURA: the card says it is no longer followed. */
  unfollow(calloutId: string): void {
    const callout = this.find(calloutId);
    if (!callout) return;
    this.host.put(markUnfollowed(callout, this.host.clock.now()));
    // Behind a cancelled view (either kind of cancel) AURA's progress is not recorded: it would differ.
    if (this.host.hasDuressView(calloutId)) return;
    this.host.audit(
      'unfollowed',
      `Callout ${calloutId} at ${this.host.siteName(callout.siteId)}: ${NO_LONGER_FOLLOWED}`,
      {
        callout: calloutId,
        stage: callout.stage,
      },
    );
  }

  private find(calloutId: string): Callout | undefined {
    return this.host.callout(calloutId);
  }
}

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
  raiseOnItsWay: (siteId: string) => boolean,
): Site | null {
  if (listed.predefinedLocationId === null) return null;
  const site = sites.find((s) => s.auraId === listed.predefinedLocationId);
  if (!site || raiseOnItsWay(site.id)) return null;
  return site;
}

/**
 * A press whose raise may be at AURA unanswered: in flight, or unanswered and not checked yet.
 * Only such a press holds back the discovery of its site's callouts. A press waiting for the
 * operator ("Still needed?") or for a retry that surely never reached AURA does not (issue 20:
 * an unanswered "Still needed?" hid every other callout of its site).
 */
export function raiseOnItsWay(press: Press): boolean {
  return !press.stale && (press.status === 'sending' || (press.status === 'notSent' && press.uncertain));
}

/** The card of a callout someone else raised, from its first full read. */
export function calloutRaisedElsewhere(snapshot: CalloutSnapshot, siteId: string, seenAt: number): Callout {
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
