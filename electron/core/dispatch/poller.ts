// The follow cycle: one timer, and one request per cycle for every callout the desk follows
// (AURA's active-callout list); a callout is read in full only when it moved, is new, or left the
// list (cycle-plan.ts). Every 5 s while any followed callout is moving, every 15 s when all are
// settled; none of its own while nothing is followed, when the readiness probe (`probe()`, about
// once a minute) runs the same cycle, so callouts raised elsewhere are discovered for free.
// Backoff, Retry-After (capped at 5 min) and due times apply to the cycle as a whole, on the
// monotonic clock. A callout completed or cancelled for 24 h is no longer followed.
// What it follows is the desk's callout record, read through `followed` (a selector) at every
// plan: the poller keeps no copy of a callout's stage or status, only its own timing per callout
// (follow-entry.ts), so nothing has to be kept in step by hand.
import { AuraError } from '../aura/errors';
import type { Clock, Logger } from '../ports';
import {
  isMoving,
  planCycle,
  type FollowEntry,
  type FollowedCallout,
  type ListedCallout,
  type PollOutcome,
  type PollTimes,
  type Read,
} from './cycle-plan';
import { applyRead, entryOf, newTimes, readFailed } from './follow-entry';
import { pollTiming, type PollTiming } from './poll-timing';

export type { FollowedCallout, ListedCallout, PollOutcome } from './cycle-plan';

export interface PollerOptions {
  clock: Clock;
  /** The callouts to follow, from the desk's callout record (closed ones left out). */
  followed: () => Iterable<FollowedCallout>;
  /** The cycle's one request: AURA's active callouts. */
  readActive: () => Promise<ListedCallout[]>;
  /** Reads a followed callout in full and/or its events, and records what changed. */
  refresh: (calloutId: string, what: { details: boolean; events: boolean }) => Promise<PollOutcome>;
  /** A listed callout the desk does not follow: should it (one of its sites)? Decided without I/O. */
  discover?: (listed: ListedCallout) => boolean;
  /** Every answered list read, with its latency (readiness). */
  onContact?: (latencyMs: number) => void;
  /** Every failed request of a cycle (readiness). */
  onError?: (calloutId: string | null, error: unknown) => void;
  /** A callout stays completed or cancelled past `unfollowAfterMs`: the desk marks its record (and card). */
  onUnfollow?: (calloutId: string) => void;
  movingMs?: number;
  settledMs?: number;
  eventsOwnMs?: number;
  eventsOtherMs?: number;
  /** At most one cadence events read per this long, desk-wide (status changes and replies aside). */
  eventsBudgetMs?: number;
  replyEveryMs?: number;
  replyWindowMs?: number;
  unfollowAfterMs?: number;
  maxBackoffMs?: number;
  /** Retry-After beyond this is not believed (a wrong header must not silence the desk for hours). */
  maxRetryAfterMs?: number;
  maxInFlight?: number;
  random?: () => number;
  /** The diagnostics log: failed reads and their next try, callouts found, closed or no longer followed. */
  log?: Logger;
}

/** How much earlier than its pace a cycle may run, at random. */
const JITTER = 0.4;

type Waiter = { resolve: (latencyMs: number) => void; reject: (error: unknown) => void };

export class Poller {
  /** The poller's own timing per followed callout; the callout itself is the desk's record. */
  private readonly times = new Map<string, PollTimes>();
  /** The callouts followed when the running cycle asked for its list (a later one cannot be on it). */
  private atListRead: ReadonlySet<string> = new Set();
  private readonly t: PollTiming;
  private running = false;
  private waiters: Waiter[] = [];
  private cancelTimer: (() => void) | null = null;
  private timerAt = Infinity;
  /** No cycle starts before this (backoff after a failed list read, Retry-After). */
  private notBefore = 0;
  private failures = 0;
  private lastBudgetedEventsAt = -Infinity;
  private listedInCycle = false;
  private lastLatencyMs = 0;
  private stopped = false;

  constructor(private readonly opts: PollerOptions) {
    this.t = pollTiming(opts);
  }

  /** Followed callouts (an unfollowed one is still listed here until it closes). */
  get trackedIds(): string[] {
    return [...this.entries(this.mono()).keys()];
  }

  /** True while at least one callout is followed: the cycle then runs on its own timer. */
  get following(): boolean {
    return [...this.entries(this.mono()).values()].some((e) => !e.unfollowed || e.hurried);
  }

  /**
   * The desk's record changed (a callout to follow, a new stage): the next cycle comes at its
   * pace, or within `dueInMs`. `readNext` callouts are read in full in that cycle whatever AURA's
   * list says; `eventsNow` ones have their events read in it (at start: every callout).
   */
  wake(dueInMs?: number, ask: { readNext?: readonly string[]; eventsNow?: readonly string[] } = {}): void {
    const now = this.mono();
    for (const id of ask.readNext ?? [])
      Object.assign(this.timesOf(id, true, now), { readNext: true, finished: false });
    for (const id of ask.eventsNow ?? []) this.timesOf(id, true, now).eventsDueAt = now;
    this.arm(now + (dueInMs ?? this.interval(now)));
  }

  /** Training's autoplay moves callouts on its own: every followed one is paced as moving until read. */
  hurry(): void {
    const now = this.mono();
    for (const id of this.entries(now).keys()) this.timesOf(id, true, now).hurried = true;
    this.arm(now);
  }

  /** The operator sent a message: read this callout's events sooner for a while. */
  expectReply(calloutId: string): void {
    const now = this.mono();
    if (!this.entries(now).has(calloutId)) return;
    const times = this.timesOf(calloutId, true, now);
    times.replyUntil = now + this.t.replyWindowMs;
    times.eventsDueAt = Math.min(times.eventsDueAt, now + this.t.replyEveryMs);
    this.arm(now + this.t.movingMs);
  }

  /**
   * The readiness probe: resolves with the latency of the next list read (running one now when
   * nothing is followed, joining the next cycle when something is), never earlier than backoff
   * and Retry-After allow. No extra request while callouts are followed.
   */
  probe(): Promise<number> {
    // This cycle's list read already answered: that is the probe's answer.
    if (this.running && this.listedInCycle) return Promise.resolve(this.lastLatencyMs);
    const promise = new Promise<number>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.running && (!this.following || this.timerAt === Infinity)) this.arm(this.mono());
    return promise;
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.times.clear();
    const waiters = this.waiters.splice(0);
    for (const w of waiters) w.reject(new Error('The desk stopped'));
  }

  private mono(): number {
    return this.opts.clock.monotonic();
  }

  /**
   * The followed callouts as the desk's record has them now, each with the poller's timing (kept
   * for as long as the record is followed, dropped with it).
   */
  private entries(now: number): Map<string, FollowEntry> {
    const out = new Map<string, FollowEntry>();
    const seen = new Set<string>();
    for (const record of this.opts.followed()) {
      if (record.stage === 'closed') continue;
      seen.add(record.id);
      const times = this.timesOf(record.id, record.raisedHere, now);
      if (!times.finished) out.set(record.id, entryOf(record, times, now, !this.atListRead.has(record.id)));
    }
    for (const id of this.times.keys()) if (!seen.has(id)) this.times.delete(id);
    return out;
  }

  private timesOf(id: string, raisedHere: boolean, now: number): PollTimes {
    const times = this.times.get(id) ?? newTimes(raisedHere, now, this.t);
    this.times.set(id, times);
    return times;
  }

  /** The pace of the next cycle: moving, settled, or none of its own (Infinity) while nothing is followed. */
  private interval(now: number): number {
    const followed = [...this.entries(now).values()].filter((e) => !e.unfollowed || e.hurried);
    if (followed.length === 0) return Infinity;
    return followed.some((e) => isMoving(e, now)) ? this.t.movingMs : this.t.settledMs;
  }

  /** Sets the one timer for a cycle at `at` (or later: backoff and Retry-After come first). */
  private arm(at: number): void {
    if (this.stopped || this.running || !Number.isFinite(at)) return;
    const when = Math.max(at, this.notBefore);
    if (this.cancelTimer && this.timerAt <= when) return;
    this.cancelTimer?.();
    this.timerAt = when;
    this.cancelTimer = this.opts.clock.setTimeout(
      () => {
        this.cancelTimer = null;
        this.timerAt = Infinity;
        void this.cycle();
      },
      Math.max(0, when - this.mono()),
    );
  }

  private async cycle(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    const started = this.mono();
    this.atListRead = new Set(this.entries(started).keys());
    let ok = false;
    this.listedInCycle = false;
    try {
      const listed = await this.opts.readActive();
      if (this.stopped) return;
      ok = true;
      this.listedInCycle = true;
      const latency = this.mono() - started;
      this.lastLatencyMs = latency;
      this.failures = 0;
      this.notBefore = 0;
      this.opts.onContact?.(latency);
      for (const w of this.waiters.splice(0)) w.resolve(latency);
      await this.follow(listed);
    } catch (error) {
      if (this.stopped) return;
      if (!ok) this.listFailed(error);
    } finally {
      this.running = false;
      if (!this.stopped) this.scheduleAfter(started, ok);
    }
  }

  private listFailed(error: unknown): void {
    this.opts.onError?.(null, error);
    for (const w of this.waiters.splice(0)) w.reject(error);
    this.failures++;
    const retryAfter = this.retryAfterOf(error);
    const base = Math.min(this.t.maxBackoffMs, this.baseInterval() * 2 ** this.failures);
    const jitter = 0.8 + 0.4 * this.random();
    this.notBefore = this.mono() + Math.max(base * jitter, retryAfter);
    const kind = error instanceof AuraError ? error.kind : 'error';
    const nextInMs = Math.round(this.notBefore - this.mono());
    this.opts.log?.warn(`poll: list read failed (${kind}) ${this.failures}x; next cycle in ${nextInMs} ms or later`);
  }

  private retryAfterOf(error: unknown): number {
    const ms = error instanceof AuraError ? error.retryAfterMs : null;
    return ms === null ? 0 : Math.min(ms, this.t.maxRetryAfterMs);
  }

  private baseInterval(): number {
    const pace = this.interval(this.mono());
    return Number.isFinite(pace) ? pace : this.t.movingMs;
  }

  /**
   * The next cycle, timed from the start of this one: at most one pace later, at a random 60-100 %
   * of it (mean 80 %), so that desks never line up and a change waits 2 s on average while moving
   * (polling at exactly 5 s would make it wait 2.5 s before any request is even sent).
   */
  private scheduleAfter(started: number, ok: boolean): void {
    const now = this.mono();
    if (!ok) {
      // Backoff is in notBefore; a waiting probe or followed callout brings the retry.
      if (this.following || this.waiters.length > 0) this.arm(this.notBefore);
      return;
    }
    const pace = this.interval(now);
    if (!Number.isFinite(pace)) return;
    const next = started + pace * (1 - JITTER * this.random());
    this.arm(Math.max(next, now + pace / 4));
  }

  private random(): number {
    return (this.opts.random ?? Math.random)();
  }

  /** Applies one list read: reads what moved, discovers callouts raised elsewhere, unfollows. */
  private async follow(listed: ListedCallout[]): Promise<void> {
    const now = this.mono();
    const budget = now - this.lastBudgetedEventsAt >= this.t.eventsBudgetMs ? 1 : 0;
    const entries = this.entries(now);
    const plan = planCycle(entries, listed, now, budget);
    if (plan.budgetUsed > 0) this.lastBudgetedEventsAt = now;
    const reads = [...plan.reads];
    for (const item of plan.unknown) {
      if (!this.opts.discover?.(item)) continue;
      this.opts.log?.info(`poll: callout ${item.id} raised elsewhere for one of this desk's sites; followed`);
      reads.push({ id: item.id, details: true, events: true });
    }
    const present = new Set(listed.map((l) => l.id));
    await this.runReads(reads, present, entries);
    this.unfollowStale();
  }

  private async runReads(
    reads: Read[],
    present: ReadonlySet<string>,
    planned: Map<string, FollowEntry>,
  ): Promise<void> {
    const queue = [...reads];
    const worker = async (): Promise<void> => {
      for (let read = queue.shift(); read; read = queue.shift())
        await this.readOne(read, present.has(read.id), planned.get(read.id));
    };
    await Promise.all(Array.from({ length: Math.min(this.t.maxInFlight, queue.length) }, worker));
  }

  /** One read; `planned` is the callout as the cycle planned it (none yet: just discovered). */
  private async readOne(read: Read, listed: boolean, planned: FollowEntry | undefined): Promise<void> {
    const raisedHere = planned?.raisedHere ?? false;
    try {
      const outcome = await this.opts.refresh(read.id, { details: read.details, events: read.events });
      if (this.stopped) return;
      const times = this.timesOf(read.id, raisedHere, this.mono());
      if (outcome.eventsError !== undefined) {
        this.opts.onError?.(read.id, outcome.eventsError);
        const kind = outcome.eventsError instanceof AuraError ? outcome.eventsError.kind : 'error';
        this.opts.log?.warn(`poll: events of callout ${read.id} failed (${kind}); its details were applied`);
      }
      if (outcome.closed) {
        this.opts.log?.info(`poll: callout ${read.id} closed; following stops`);
        return void (times.finished = true);
      }
      const entry = planned ?? { raisedHere, unfollowed: false };
      applyRead(times, entry, read, listed, this.mono(), this.t);
    } catch (error) {
      if (this.stopped) return;
      this.opts.onError?.(read.id, error);
      const times = this.timesOf(read.id, raisedHere, this.mono());
      readFailed(times, this.mono(), this.random(), this.t);
      // Retry-After from any read holds back the whole cycle.
      const retryAfter = this.retryAfterOf(error);
      if (retryAfter > 0) this.notBefore = Math.max(this.notBefore, this.mono() + retryAfter);
      const kind = error instanceof AuraError ? error.kind : 'error';
      const nextInMs = Math.round(times.blockedUntil - this.mono());
      this.opts.log?.warn(
        `poll: callout ${read.id} failed (${kind}) ${times.failures}x; next read in ${nextInMs} ms or later`,
      );
    }
  }

  private unfollowStale(): void {
    const now = this.mono();
    for (const [id, entry] of this.entries(now)) {
      if (entry.unfollowed || entry.settledSince === null) continue;
      if (now - entry.settledSince < this.t.unfollowAfterMs) continue;
      this.opts.log?.info(`poll: callout ${id} completed or cancelled for 24 h; no longer followed`);
      this.opts.onUnfollow?.(id);
    }
  }
}
