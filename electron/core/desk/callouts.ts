// The callouts this desk follows: it owns the poll cycle (dispatch/poller.ts) and the reading of
// callouts into the desk (dispatch/follow.ts); it takes a press AURA accepted onto its callout,
// sends the operator's messages, and after a crash finds callouts of sent presses again.
import type { Callout } from '../../shared/model/callout';
import type { Press } from '../../shared/model/press';
import type { Site } from '../../shared/model/site';
import type { AuditLog } from '../audit/audit-log';
import { CalloutFollower, calloutRaisedElsewhere, raiseOnItsWay, settledForMs } from '../dispatch/follow';
import { ListedCallouts } from '../dispatch/listed-callouts';
import type { SentHow } from '../dispatch/dispatch-hooks';
import type { PressBook } from '../dispatch/ledger';
import { Poller, type FollowedCallout, type PollOutcome } from '../dispatch/poller';
import { addNote, applySnapshot, calloutFromPress } from '../dispatch/timeline';
import { closedDuressView } from './duress';
import { cancelledView, hasDuressEvent } from '../monitor/monitor-view';
import { silentLogger, type Clock, type Logger } from '../ports';
import { addedToCalloutWords, MAY_HOLD_TWO } from '../dispatch/press-words';
import { requireApi, type CalloutSnapshot, type DeskPort } from '../aura/port';
import { calloutOfPress, mayHoldTwo, messageSent, secondPress } from './audit-records';
import { HISTORY_MS, type DeskStore } from './store';
import { ViewOrder } from './view-order';

export interface CalloutsDeps {
  api: DeskPort | null;
  store: DeskStore;
  /** This desk's presses, and those moved to the archive (read at start only). */
  outbox: PressBook & { archived(since: number): Press[] };
  audit: AuditLog;
  clock: Clock;
  siteName(siteId: string): string;
  /** The sites the desk shows (callouts raised elsewhere are followed for these). */
  shownSites(): readonly Site[];
  onContact(latencyMs?: number): void;
  onFailure(error: unknown): void;
  /** A press reached AURA: the storage watch knows a save may have happened. */
  onSent(): void;
  emit(): void;
  timing?: { movingMs?: number; settledMs?: number; unfollowAfterMs?: number };
  /** A monitor that does not reveal duress: a callout with a DURESS event is shown as a cancelled one. */
  hideDuress?: () => boolean;
  random?: () => number;
  log?: Logger;
}

export class CalloutsService {
  private readonly poller: Poller;
  private readonly follower: CalloutFollower;
  /** Messages this desk sent, per callout, in this run (their timeline entries say "This desk"). */
  private readonly sentTexts = new Map<string, ReadonlySet<string>>();
  /** Presses and duress views of this run, in order (view-order.ts). */
  private readonly order = new ViewOrder();
  /** The callouts seen in AURA's active lists: a raise answered with one of them did not open it. */
  readonly listed = new ListedCallouts();
  private stopped = false;

  constructor(private readonly deps: CalloutsDeps) {
    const { store, clock } = deps;
    this.poller = new Poller({
      clock,
      random: deps.random,
      movingMs: deps.timing?.movingMs,
      settledMs: deps.timing?.settledMs,
      unfollowAfterMs: deps.timing?.unfollowAfterMs,
      followed: () => this.followed(),
      readActive: async () => {
        const listed = await requireApi(deps.api).listActiveCallouts();
        this.listed.note(listed.map((c) => c.id));
        return listed;
      },
      refresh: (id, what) => this.refresh(id, what),
      discover: (listed) => this.follower.discover(listed),
      onContact: (latencyMs) => deps.onContact(latencyMs),
      onError: (_id, error) => deps.onFailure(error),
      onUnfollow: (id) => this.follower.unfollow(id),
      log: deps.log ?? silentLogger,
    });
    this.follower = new CalloutFollower({
      api: deps.api,
      clock,
      callout: (id) => store.callouts.get(id),
      put: (callout) => this.put(callout),
      audit: (kind, text, data) => deps.audit.record(kind, text, data),
      siteName: (siteId) => deps.siteName(siteId),
      sites: () => deps.shownSites(),
      raiseOnItsWay: (siteId) => deps.outbox.pending().some((p) => p.siteId === siteId && raiseOnItsWay(p)),
      onContact: () => deps.onContact(),
      emit: () => deps.emit(),
      hasDuressView: (id) => store.duressViews.has(id),
      onRead: (next, now) => this.maskProgress(next, now),
      sentTexts: (id) => this.sentTexts.get(id) ?? new Set(),
    });
  }

  /** The readiness probe: the poll cycle's own list read. */
  probe(): Promise<number> {
    return this.poller.probe();
  }

  /** The desk stops: no more polls, no more retries of `recoverFollowed`. */
  stop(): void {
    this.stopped = true;
    this.poller.stop();
  }

  /**
   * The poll schedule's one source: every callout of the record that is not closed, and those
   * found in AURA's list (or answering a press) that have no card yet.
   */
  private *followed(): Iterable<FollowedCallout> {
    const now = this.deps.clock.now();
    for (const c of this.deps.store.callouts.live) {
      const raisedHere = !c.raisedElsewhere;
      const unfollowed = c.unfollowedAt != null;
      yield {
        id: c.id,
        stage: c.stage,
        status: c.rawStatus,
        raisedHere,
        unfollowed,
        settledForMs: settledForMs(c, now),
      };
    }
    for (const id of this.follower.expected())
      yield { id, stage: 'unknown', status: null, raisedHere: false, unfollowed: false, settledForMs: 0 };
  }

  /** At start: every callout not closed is followed again, where it was, its events read at once. */
  followOpen(): void {
    const open = this.deps.store.callouts.live.map((c) => c.id);
    if (open.length > 0) this.poller.wake(0, { eventsNow: open });
  }

  /** Autoplay moves callouts on its own: every open one is polled at the moving pace again. */
  followAllMoving(): void {
    this.poller.hurry();
  }

  /**
   * A callout is now shown as cancelled (either kind of cancel). When AURA's answer to the cancel
   * changed its status, the callout is read in full in the next cycle, as any status change is.
   */
  trackMasked(callout: Callout, statusChanged: boolean): void {
    this.order.viewMade(callout.id);
    this.poller.wake(undefined, { readNext: statusChanged ? [callout.id] : [] });
  }

  /** A press was made: only a press made after a callout's duress view may show it as it is. */
  pressMade(pressId: string): void {
    this.order.pressMade(pressId);
  }

  /** Reads a callout in full and/or its events and records what changed (dispatch/follow.ts). */
  refresh(calloutId: string, what: { details: boolean; events: boolean }): Promise<PollOutcome> {
    return this.follower.read(calloutId, what);
  }

  /** The desk follows this callout: it has it, or a press of this desk was sent to it. */
  follows(calloutId: string): boolean {
    return (
      this.deps.store.callouts.has(calloutId) ||
      this.deps.outbox.all().some((p) => p.status === 'sent' && p.calloutId === calloutId)
    );
  }

  calloutOf(calloutId: string): Callout {
    const callout = this.deps.store.callouts.get(calloutId);
    if (!callout) throw new Error(`This desk is not following callout ${calloutId}`);
    return callout;
  }

  activeCalloutFor(siteId: string): Callout | undefined {
    return this.deps.store.callouts.live.find((c) => c.siteId === siteId);
  }

  /** The operator's message to the control room; a reply is then looked for sooner. */
  async message(calloutId: string, text: string): Promise<{ sent: true }> {
    const callout = this.calloutOf(calloutId);
    // Remembered first: AURA's event stream is what puts it on the timeline, marked as ours.
    this.sentTexts.set(callout.id, new Set([...(this.sentTexts.get(callout.id) ?? []), text]));
    await requireApi(this.deps.api).sendCalloutEvent(callout.id, text);
    this.deps.audit.record(...messageSent(callout.id, text));
    // The message shows from AURA's event stream at once; a reply is then looked for sooner.
    await this.refresh(callout.id, { details: false, events: true }).catch(() => undefined);
    this.poller.expectReply(callout.id);
    return { sent: true as const };
  }

  /** A press reached AURA: its callout is followed (or the press noted on the one followed). */
  pressSent(press: Press, calloutId: string, snapshot: CalloutSnapshot | null, how: SentHow): void {
    const { store, audit } = this.deps;
    const now = this.deps.clock.now();
    const existing = store.callouts.get(calloutId);
    const site = this.deps.siteName(press.siteId);
    let outcome: string;
    if (existing) {
      const again = press.source === 'hotkey' ? 'Pressed again (silent hotkey)' : 'Pressed again';
      const updated = snapshot ? applySnapshot(existing, snapshot, now) : existing;
      store.callouts.put(addNote(updated, again, press.pressedAt));
      this.pressedOnView(press, calloutId, again);
      const shown = store.duressViews.get(calloutId) ?? updated;
      outcome = addedToCalloutWords(calloutId, existing.pressedAt, shown.stage === 'closed');
      audit.record(...secondPress(press, calloutId, site));
    } else if (how === 'event') {
      outcome = this.pressOnOlderCallout(press, calloutId, snapshot);
      audit.record(...secondPress(press, calloutId, site));
    } else if (snapshot) {
      store.callouts.put(calloutFromPress(snapshot, press, now));
      outcome = `AURA ${how === 'raised' ? 'raised' : 'has'} callout ${calloutId}`;
      audit.record(...calloutOfPress(press, how, calloutId, site, snapshot.status));
    } else {
      outcome = `AURA has this press on callout ${calloutId}`;
    }
    if (press.mayHoldTwo) {
      outcome = `${outcome}. ${MAY_HOLD_TWO}`;
      audit.record(...mayHoldTwo(press, calloutId, site));
    }
    this.deps.outbox.update(press.id, { outcome });
    this.deps.onSent();
    store.saveCallouts();
    // Followed from the record; a callout without a card yet is read in the next cycle.
    const hasCard = store.callouts.has(calloutId);
    this.poller.wake(hasCard ? undefined : 0, { readNext: hasCard ? [] : [calloutId] });
  }

  /**
   * A press posted to a callout AURA had before it, that this desk did not follow (raised
   * elsewhere, perhaps cancelled since): its card shows the callout as AURA has it, with the press.
   * Without AURA's view of it (a restart between the answer and the event), the poll cycle reads it.
   */
  private pressOnOlderCallout(press: Press, calloutId: string, snapshot: CalloutSnapshot | null): string {
    const { store } = this.deps;
    if (!snapshot) {
      this.follower.expect(calloutId, press.siteId);
      return `AURA has this press on callout ${calloutId}`;
    }
    const now = this.deps.clock.now();
    const again = press.source === 'hotkey' ? 'Pressed again (silent hotkey)' : 'Pressed again';
    const card = addNote(calloutRaisedElsewhere(snapshot, press.siteId, now), again, press.pressedAt);
    store.callouts.put(card);
    return addedToCalloutWords(calloutId, card.pressedAt, card.stage === 'closed');
  }

  /**
   * A press reached a callout shown as cancelled under duress. Made after the duress: the
   * operator asks for help again, so the callout is shown as it is. Made before it (a retry that
   * landed late): the view stays and gets the note a genuine cancel's callout would get.
   */
  private pressedOnView(press: Press, calloutId: string, note: string): void {
    const { store } = this.deps;
    const view = store.duressViews.get(calloutId);
    if (!view) return;
    if (this.order.madeAfterView(press.id, calloutId)) store.duressViews.delete(calloutId);
    else store.duressViews.set(calloutId, addNote(view, note, press.pressedAt));
    store.saveMasks();
  }

  /**
   * A crash can land after a press was recorded sent but before its callout was saved: read
   * such callouts from AURA again and follow them (retried until AURA answers).
   */
  recoverFollowed(): void {
    const { api, store, clock } = this.deps;
    const cutoff = clock.now() - HISTORY_MS;
    const missing = [...this.deps.outbox.all(), ...this.deps.outbox.archived(cutoff)]
      .filter((p) => p.status === 'sent' && p.via !== 'event' && p.calloutId !== null && p.pressedAt >= cutoff)
      .filter((p) => !store.callouts.has(p.calloutId as string));
    if (!api || missing.length === 0) return;
    void Promise.all(
      missing.map(async (press) => {
        const read = await api.getCallout(press.calloutId as string);
        if (store.callouts.has(read.callout.id)) return;
        store.callouts.put(calloutFromPress(read.callout, press, clock.now()));
        store.saveCallouts();
        this.poller.wake(0, { readNext: [read.callout.id] });
        this.deps.emit();
      }),
    ).catch(() => clock.setTimeout(() => this.stopped || this.recoverFollowed(), 10_000));
  }

  /** A new or changed callout from a poll: saved, published, and history pruned when it closed. */
  private put(next: Callout): void {
    const { store } = this.deps;
    store.callouts.put(next);
    store.saveCallouts();
    // The app runs for weeks: drop history older than 30 days whenever a callout closes.
    if (next.stage === 'closed') store.pruneHistory(this.deps.clock.now());
    this.deps.emit();
  }

  /** A callout shown as cancelled under duress is shown closed once AURA closes it. */
  private maskProgress(next: Callout, now: number): void {
    const { store } = this.deps;
    if (!store.duressViews.has(next.id) && this.deps.hideDuress?.() && hasDuressEvent(next)) {
      store.duressViews.set(next.id, cancelledView(next, now));
      store.saveMasks();
    }
    const duressView = store.duressViews.get(next.id);
    if (duressView && next.stage === 'closed' && duressView.stage !== 'closed') {
      store.duressViews.set(next.id, closedDuressView(duressView, now));
      store.saveMasks();
    }
  }
}
