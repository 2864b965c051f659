// Sends presses from the outbox to AURA, so that every press reaches AURA as something AURA
// records (a callout, or an event on the callout the desk follows), once, for as long as the app
// runs, and never late without the operator choosing.
//
// One attempt is: (1) if an earlier request may have reached AURA unanswered (`uncertain`), look
// before sending again: adopt the site's callout that this desk does not follow yet (our raise
// created it), or post to the followed one; if none is found the callout may have closed in
// between, so raise again and say "AURA may hold two callouts"; (2) otherwise raise. When AURA
// answers the raise with a callout the desk already follows, the press is posted to it as an
// event ("Panic pressed again at …") and counts as sent only once AURA accepts the event.
// Presses of one site go one at a time, so an unanswered raise is never confused with another
// press's. A press not sent within the stale limit stops and asks the operator.
import type { Press } from '../../shared/model/press';
import { AuraError, plainWords, refusedForGood } from '../aura/errors';
import type { CalloutSnapshot, DispatchPort, RaisedCallout } from '../aura/port';
import type { DispatcherOptions, SentHow } from './dispatch-hooks';
import { ListedCallouts } from './listed-callouts';
import { mayBeOpenedByPress, raiseOpenedIt, type KnownBefore } from './own-callout';
import { backoffMs, DEFAULT_DELAYS_MS, mayHaveReached, PARKED_RETRY_MS } from './retry-rules';

/** A press stamped at most this far in the future counts as just made; further, its age is unknown. */
const FUTURE_SLACK_MS = 1000;
const UNKNOWN_AGE = 'Pressed at a time this computer no longer agrees with (its clock changed): still needed?';

export class Dispatcher {
  private readonly timers = new Map<string, () => void>();
  private readonly inFlight = new Set<string>();
  /** Site -> the press of that site being attempted; others of the site wait for it. */
  private readonly busySites = new Map<string, string>();
  private readonly waitingForSite = new Set<string>();
  /** Presses parked on rejected credentials: resumed by any successful contact with AURA. */
  private readonly parked = new Set<string>();
  /** Monotonic start of each press's age, for the stale limit. */
  private readonly since = new Map<string, number>();
  /** When each press of this run was made, in the order of AURA's lists (listed-callouts.ts). */
  private readonly madeAt = new Map<string, number>();
  /** The callouts seen in AURA's active lists (the poll cycle's and the check's). */
  private readonly listed: ListedCallouts;
  private stopped = false;

  constructor(private readonly opts: DispatcherOptions) {
    this.listed = opts.listed ?? new ListedCallouts();
  }

  /**
   * At start-up (and when credentials arrive): every unsent press is sent, except one older
   * than the stale limit, which asks the operator instead (a press from yesterday is not raised).
   * A press stamped in the future (the clock ran fast, then was corrected) has an unknown age:
   * it asks too (issue 20), beyond a second's slack for a clock nudged back.
   */
  resumeAll(): void {
    const { clock, outbox } = this.opts;
    for (const press of outbox.pending()) {
      if (press.stale) continue;
      if (!this.since.has(press.id)) {
        const age = clock.now() - press.pressedAt;
        if (age > this.opts.staleAfterMs() || age < -FUTURE_SLACK_MS) {
          this.markStale(press, age < 0 ? UNKNOWN_AGE : undefined);
          continue;
        }
        this.since.set(press.id, clock.monotonic() - Math.max(0, age));
      }
      this.schedule(press.id, 0);
    }
  }

  /** Starts sending a press that the outbox already holds (just made). */
  dispatch(pressId: string): void {
    this.forgetFinished();
    this.madeAt.set(pressId, this.listed.moment());
    this.since.set(pressId, this.opts.clock.monotonic());
    this.schedule(pressId, 0);
  }

  /** The operator chose "Send now" for a stale press: a new age window starts now. */
  sendNow(pressId: string): void {
    this.opts.outbox.update(pressId, { stale: false, lastError: null });
    this.dispatch(pressId);
    this.opts.onChange();
  }

  /** Any successful contact with AURA: presses parked on rejected credentials are tried again. */
  resumeParked(): void {
    for (const id of [...this.parked]) {
      this.parked.delete(id);
      this.schedule(id, 0);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  /** True while any press is waiting for a retry: readiness shows this as degraded. */
  get retrying(): boolean {
    return this.opts.outbox.pending().some((p) => p.status === 'notSent' && !p.stale);
  }

  private schedule(pressId: string, delayMs: number): void {
    if (this.stopped || this.inFlight.has(pressId)) return;
    this.timers.get(pressId)?.();
    this.timers.delete(pressId);
    const run = (): void => {
      this.timers.delete(pressId);
      this.attempt(pressId).catch(() => this.schedule(pressId, PARKED_RETRY_MS));
    };
    if (delayMs <= 0) run();
    else this.timers.set(pressId, this.opts.clock.setTimeout(run, delayMs));
  }

  private async attempt(pressId: string): Promise<void> {
    const { outbox } = this.opts;
    const press = outbox.get(pressId);
    if (this.stopped || !press || press.status === 'sent' || press.status === 'failed' || press.stale) return;
    const busy = this.busySites.get(press.siteId);
    if (busy !== undefined && busy !== pressId) {
      this.waitingForSite.add(pressId);
      return;
    }
    if (this.isStale(press)) return this.markStale(press);
    const api = this.opts.api;
    if (!api) {
      outbox.update(pressId, { status: 'notSent', lastError: 'Panic Desk has no AURA credentials yet' });
      this.opts.onChange();
      return;
    }
    this.inFlight.add(pressId);
    this.busySites.set(press.siteId, pressId);
    let retryInMs: number | null = null;
    try {
      await this.send(api, pressId);
    } catch (error) {
      retryInMs = this.fail(pressId, error);
      const next = retryInMs === null ? 'not retried' : `retry in ${retryInMs} ms`;
      const attempt = outbox.get(pressId)?.attempts ?? 0;
      this.opts.log?.warn(`dispatch: press ${pressId} attempt ${attempt} failed (${errorKind(error)}): ${next}`);
    } finally {
      this.inFlight.delete(pressId);
      this.busySites.delete(press.siteId);
      this.release(press.siteId);
      this.forgetFinished();
      this.opts.onChange();
    }
    if (retryInMs !== null) this.schedule(pressId, retryInMs);
  }

  /** A press that is sent, failed or gone needs no age and no order any more (issue 25 item 8). */
  private forgetFinished(): void {
    for (const id of this.since.keys()) {
      const press = this.opts.outbox.get(id);
      if (press && press.status !== 'sent' && press.status !== 'failed') continue;
      this.since.delete(id);
      this.madeAt.delete(id);
    }
  }

  /** One attempt: check, raise and/or post the event. Throws on any failure. */
  private async send(api: DispatchPort, pressId: string): Promise<void> {
    const { outbox } = this.opts;
    const start = outbox.get(pressId) as Press;
    // Recorded before the request: after a crash, `uncertain` tells the next run to check first.
    let press = outbox.update(pressId, { status: 'sending', attempts: start.attempts + 1 });
    this.opts.onChange();
    let reraise = false;
    let found: CalloutSnapshot | null = null;
    const step = press.eventFor !== null ? 'post the event' : press.uncertain ? 'check first' : 'raise';
    this.opts.log?.info(`dispatch: press ${pressId} attempt ${press.attempts}: ${step}`);
    if (press.uncertain && press.eventFor === null) {
      const site = await this.siteCallouts(api, press.siteId);
      const opened = site.find((c) => mayBeOpenedByPress(c, this.knownBefore(String(c.id), this.madeAt.get(pressId))));
      if (opened) return this.sent(pressId, String(opened.id), opened, 'adopted', false);
      // The site's callout was there before the press (followed, listed, or moved past what a
      // raise opens): the press goes to it as an event. If AURA did not de-duplicate, the
      // unanswered raise may have opened a callout that closed before this check: say so.
      found = site.find((c) => this.opts.follows(String(c.id))) ?? site[0] ?? null;
      const extra = { uncertain: false, mayHoldTwo: true, extraCallouts: press.extraCallouts + 1 };
      // Nothing found: the earlier raise never arrived, or its callout closed since. AURA has
      // no route to find a closed callout by site, so raising again is the safe choice.
      press = outbox.update(pressId, found ? { ...extra, eventFor: String(found.id) } : extra);
      reraise = !found;
    }
    if (press.eventFor !== null) return this.postEvent(api, pressId, found);
    await api.prepare?.();
    outbox.update(pressId, { uncertain: true });
    let callout: RaisedCallout;
    const sentAt = this.listed.moment();
    try {
      callout = await api.raiseCallout(press.siteId);
    } catch (error) {
      if (!mayHaveReached(error)) outbox.update(pressId, { uncertain: false });
      throw error;
    }
    this.opts.onContact();
    const id = String(callout.id);
    if (raiseOpenedIt(callout, this.knownBefore(id, sentAt))) return this.sent(pressId, id, callout, 'raised', reraise);
    // AURA answered with a callout it had before this raise: it learns of the press by an event.
    outbox.update(pressId, { eventFor: id, uncertain: false });
    return this.postEvent(api, pressId, callout);
  }

  /** What the desk knew of a callout before `moment` (a raise sent, a press made; none: unknown). */
  private knownBefore(calloutId: string, moment: number | undefined): KnownBefore {
    const listedBefore = moment !== undefined && this.listed.seenBefore(calloutId, moment);
    return { followed: this.opts.follows(calloutId), listedBefore };
  }

  private async postEvent(api: DispatchPort, pressId: string, callout: CalloutSnapshot | null): Promise<void> {
    const { outbox } = this.opts;
    const press = outbox.get(pressId) as Press;
    const calloutId = press.eventFor as string;
    const message = this.opts.againMessage(press);
    if (press.uncertain) {
      const events = await api.listCalloutEvents(calloutId);
      if (events.some((e) => e.text.endsWith(message))) return this.sent(pressId, calloutId, callout, 'event', false);
    }
    outbox.update(pressId, { uncertain: true });
    try {
      await api.sendCalloutEvent(calloutId, message);
    } catch (error) {
      // AURA refuses the event (the callout closed or vanished): raise afresh next time.
      if (refusedForGood(error)) {
        outbox.update(pressId, { eventFor: null, uncertain: false });
        throw new AuraError('server', `AURA did not take the event on callout ${calloutId}; raising again`);
      }
      if (!mayHaveReached(error)) outbox.update(pressId, { uncertain: false });
      throw error;
    }
    this.opts.onContact();
    this.sent(pressId, calloutId, callout, 'event', false);
  }

  private sent(
    pressId: string,
    calloutId: string,
    callout: CalloutSnapshot | null,
    how: SentHow,
    reraise: boolean,
  ): void {
    this.parked.delete(pressId);
    const press = this.opts.outbox.update(pressId, {
      status: 'sent',
      calloutId,
      via: how,
      lastError: null,
      uncertain: false,
      eventFor: null,
      mayHoldTwo: reraise || (this.opts.outbox.get(pressId)?.mayHoldTwo ?? false),
    });
    // AURA has the press: nothing the desk's own bookkeeping does next (a store that cannot
    // write) may turn it back into a failure, which would send it, or its event, twice.
    try {
      this.opts.onSent(press, calloutId, callout, how);
    } catch (error) {
      this.opts.log?.warn(`dispatch: press ${pressId} sent, but the desk could not record it all: ${errorKind(error)}`);
    }
    this.opts.log?.info(`dispatch: press ${pressId} sent: ${how} callout ${calloutId}${reraise ? ' (re-raised)' : ''}`);
  }

  /** The site's active callouts in AURA (none found when AURA's id of the site is unknown). */
  private async siteCallouts(api: DispatchPort, siteId: string): Promise<CalloutSnapshot[]> {
    const auraId = await this.opts.auraIdOf(siteId);
    const active = await api.listActiveCallouts();
    this.listed.note(active.map((c) => String(c.id)));
    this.opts.onContact();
    if (auraId === null) return [];
    return active.filter((c) => c.predefinedLocationId === auraId);
  }

  private isStale(press: Press): boolean {
    const since = this.since.get(press.id) ?? this.opts.clock.monotonic();
    this.since.set(press.id, since);
    return this.opts.clock.monotonic() - since > this.opts.staleAfterMs();
  }

  private markStale(press: Press, why = 'Not confirmed sent in time: still needed?'): void {
    this.parked.delete(press.id);
    const stale = this.opts.outbox.update(press.id, { status: 'notSent', stale: true, lastError: why });
    this.opts.onStale(stale);
    this.opts.onChange();
  }

  /** The press of a site finished its attempt: the site's waiting presses go next. */
  private release(siteId: string): void {
    for (const id of [...this.waitingForSite]) {
      if (this.opts.outbox.get(id)?.siteId !== siteId) continue;
      this.waitingForSite.delete(id);
      this.schedule(id, 0);
    }
  }

  /** Records the failure; returns when to try again, or null when retrying cannot help. */
  private fail(pressId: string, error: unknown): number | null {
    const { outbox } = this.opts;
    const press = outbox.get(pressId) as Press;
    const message = plainWords(error);
    const kind = error instanceof AuraError ? error.kind : null;
    try {
      this.opts.onFailure(press, error);
    } catch {
      // reporting must never stop the retry
    }
    if (refusedForGood(error)) {
      // AURA refuses this panic for good (unknown or deleted site, not allowed): say exactly why.
      outbox.update(pressId, { status: 'failed', lastError: message, uncertain: false });
      return null;
    }
    if (kind === 'credentialsRejected') {
      // AURA refused two fresh exchanges. Saving new credentials, or any later successful
      // contact with AURA, resumes the press; until then it is tried again every minute.
      this.parked.add(pressId);
      outbox.update(pressId, {
        status: 'notSent',
        lastError: `${message}. Fix the credentials in Setup: this panic is sent as soon as they work.`,
      });
      return PARKED_RETRY_MS;
    }
    outbox.update(pressId, { status: 'notSent', lastError: message });
    return backoffMs(error, press.attempts, {
      delaysMs: this.opts.delaysMs ?? DEFAULT_DELAYS_MS,
      settleAfterTimeoutMs: this.opts.settleAfterTimeoutMs ?? 2000,
      random: this.opts.random ?? Math.random,
    });
  }
}

function errorKind(error: unknown): string {
  return error instanceof AuraError ? error.kind : error instanceof Error ? error.name : 'unknown';
}
