// The follow cycle: one timer, and one request per cycle for every callout the desk follows
// (AURA's active-callout list); a callout is read in full only when it moved, is new, or left the
// list (cycle-plan.ts). Every 5 s while any followed callout is moving, every 15 s when all are
// settled; none of its own while nothing is followed, when the readiness probe (`probe()`, about
// once a minute) runs the same cycle, so callouts raised elsewhere are discovered for free.
// Backoff, Retry-After (capped at 5 min) and due times apply to the cycle as a whole, on the
// monotonic clock. A callout completed or cancelled for 24 h is no longer followed. What a read
// does to one callout's record: follow-entry.ts.
import type { Stage } from '../../shared/stages';
import { AuraError } from '../aura/errors';
import type { Clock, Logger } from '../ports';
import { isMoving, planCycle, type FollowEntry, type ListedCallout, type Read } from './cycle-plan';
import { applyRead, readFailed, trackedEntry, type TrackHow } from './follow-entry';
import { pollTiming, type PollTiming } from './poll-timing';

export type { ListedCallout } from './cycle-plan';

export interface PollOutcome {
  stage: Stage;
  /** AURA's status string after the read (unchanged by an events-only read). */
  status: string;
  /** AURA said the callout is closed (a closed stage or HTTP 285): stop following it. */
  closed: boolean;
  /** The events read failed while the details were applied (reported; the events keep their cadence). */
  eventsError?: unknown;
}

export interface PollerOptions {
  clock: Clock;
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
  /** A callout stays completed or cancelled past `unfollowAfterMs`: the desk says so on its card. */
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
  private readonly entries = new Map<string, FollowEntry>();
  private readonly t: PollTiming;
  private cycleSeq = 0;
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
    return [...this.entries.keys()];
  }

  /** True while at least one callout is followed: the cycle then runs on its own timer. */
  get following(): boolean {
    return [...this.entries.values()].some((e) => !e.unfollowed);
  }

  /**
   * Follows a callout (or updates its known stage); `dueInMs` brings the next cycle that close.
   * `status` is AURA's status string as the desk last read it, so an unchanged callout is not read.
   */
  track(calloutId: string, stage: Stage, dueInMs?: number, how: TrackHow = {}): void {
    const now = this.mono();
    const at = { now, cycleSeq: this.cycleSeq };
    this.entries.set(calloutId, trackedEntry(this.entries.get(calloutId), stage, dueInMs, how, at, this.t));
    this.arm(now + (dueInMs ?? this.interval(now)));
  }

  /** The operator sent a message: read this callout's events sooner for a while. */
  expectReply(calloutId: string): void {
    const entry = this.entries.get(calloutId);
    if (!entry) return;
    const now = this.mono();
    entry.replyUntil = now + this.t.replyWindowMs;
    entry.eventsDueAt = Math.min(entry.eventsDueAt, now + this.t.replyEveryMs);
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
    this.entries.clear();
    const waiters = this.waiters.splice(0);
    for (const w of waiters) w.reject(new Error('The desk stopped'));
  }

  private mono(): number {
    return this.opts.clock.monotonic();
  }

  /** The pace of the next cycle: moving, settled, or none of its own (Infinity) while nothing is followed. */
  private interval(now: number): number {
    const followed = [...this.entries.values()].filter((e) => !e.unfollowed);
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
    const seq = ++this.cycleSeq;
    const started = this.mono();
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
      await this.follow(listed, seq);
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
  private async follow(listed: ListedCallout[], seq: number): Promise<void> {
    const now = this.mono();
    const budget = now - this.lastBudgetedEventsAt >= this.t.eventsBudgetMs ? 1 : 0;
    const plan = planCycle(this.entries, listed, seq, now, budget);
    if (plan.budgetUsed > 0) this.lastBudgetedEventsAt = now;
    const reads = [...plan.reads];
    for (const item of plan.unknown) {
      if (!this.opts.discover?.(item)) continue;
      this.opts.log?.info(`poll: callout ${item.id} raised elsewhere for one of this desk's sites; followed`);
      this.track(item.id, 'unknown', undefined, { status: null, raisedHere: false });
      reads.push({ id: item.id, details: true, events: true });
    }
    const present = new Set(listed.map((l) => l.id));
    await this.runReads(reads, present);
    this.unfollowStale();
  }

  private async runReads(reads: Read[], present: ReadonlySet<string>): Promise<void> {
    const queue = [...reads];
    const worker = async (): Promise<void> => {
      for (let read = queue.shift(); read; read = queue.shift()) await this.readOne(read, present.has(read.id));
    };
    await Promise.all(Array.from({ length: Math.min(this.t.maxInFlight, queue.length) }, worker));
  }

  private async readOne(read: Read, listed: boolean): Promise<void> {
    try {
      const outcome = await this.opts.refresh(read.id, { details: read.details, events: read.events });
      const entry = this.entries.get(read.id);
      if (!entry || this.stopped) return;
      if (outcome.eventsError !== undefined) {
        this.opts.onError?.(read.id, outcome.eventsError);
        const kind = outcome.eventsError instanceof AuraError ? outcome.eventsError.kind : 'error';
        this.opts.log?.warn(`poll: events of callout ${read.id} failed (${kind}); its details were applied`);
      }
      if (outcome.closed) {
        this.opts.log?.info(`poll: callout ${read.id} closed; following stops`);
        return void this.entries.delete(read.id);
      }
      applyRead(entry, read, outcome, listed, this.mono(), this.t);
    } catch (error) {
      if (this.stopped) return;
      this.opts.onError?.(read.id, error);
      const entry = this.entries.get(read.id);
      if (!entry) return;
      readFailed(entry, this.mono(), this.random(), this.t);
      // Retry-After from any read holds back the whole cycle.
      const retryAfter = this.retryAfterOf(error);
      if (retryAfter > 0) this.notBefore = Math.max(this.notBefore, this.mono() + retryAfter);
      const kind = error instanceof AuraError ? error.kind : 'error';
      const nextInMs = Math.round(entry.blockedUntil - this.mono());
      this.opts.log?.warn(
        `poll: callout ${read.id} failed (${kind}) ${entry.failures}x; next read in ${nextInMs} ms or later`,
      );
    }
  }

  private unfollowStale(): void {
    const now = this.mono();
    for (const [id, entry] of this.entries) {
      if (entry.unfollowed || entry.settledSince === null) continue;
      if (now - entry.settledSince < this.t.unfollowAfterMs) continue;
      entry.unfollowed = true;
      this.opts.log?.info(`poll: callout ${id} completed or cancelled for 24 h; no longer followed`);
      this.opts.onUnfollow?.(id);
    }
  }
}
