// Background polling of tracked callouts: one scheduler for all of them, one timer at a time.
// About every 5 s while a callout is moving, every 15 s once the responder is there, never once
// it is closed; exponential backoff with jitter on errors; Retry-After honoured for everyone;
// at most a few requests in flight. Nothing runs when nothing is tracked.
import type { Stage } from '../../shared/model';
import { AuraError } from '../aura/errors';
import type { Clock, Logger } from '../ports';

export interface PollOutcome {
  stage: Stage;
  /** AURA said the callout is closed (a closed stage or HTTP 285): stop polling it. */
  closed: boolean;
}

export interface PollerOptions {
  clock: Clock;
  poll: (calloutId: string) => Promise<PollOutcome>;
  /** Told of every failed poll, e.g. for readiness. */
  onError?: (calloutId: string, error: unknown) => void;
  movingMs?: number;
  settledMs?: number;
  maxBackoffMs?: number;
  maxInFlight?: number;
  random?: () => number;
  /** The diagnostics log: when a callout stops being polled, and each failed poll's next try. */
  log?: Logger;
}

type Entry = { dueAt: number; stage: Stage; failures: number };

const SETTLED: ReadonlySet<Stage> = new Set(['arrived', 'completed', 'cancelled']);

export class Poller {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Set<string>();
  private cancelTimer: (() => void) | null = null;
  private timerAt = Infinity;
  /** Retry-After from AURA pauses every poll until then. */
  private pausedUntil = 0;
  private stopped = false;

  constructor(private readonly opts: PollerOptions) {}

  get trackedIds(): string[] {
    return [...this.entries.keys()];
  }

  /** Follows a callout; `dueInMs` 0 polls it at once. */
  track(calloutId: string, stage: Stage, dueInMs = this.intervalFor(stage)): void {
    const existing = this.entries.get(calloutId);
    const dueAt = this.opts.clock.now() + dueInMs;
    this.entries.set(calloutId, {
      stage,
      failures: existing?.failures ?? 0,
      dueAt: existing ? Math.min(existing.dueAt, dueAt) : dueAt,
    });
    this.arm();
  }

  untrack(calloutId: string): void {
    this.entries.delete(calloutId);
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.entries.clear();
  }

  private intervalFor(stage: Stage): number {
    return SETTLED.has(stage) ? (this.opts.settledMs ?? 15_000) : (this.opts.movingMs ?? 5000);
  }

  /** Sets the one timer for the earliest due poll (or the end of a Retry-After pause). */
  private arm(): void {
    // With every slot busy, the next finished poll re-arms; a timer now would only spin.
    if (this.stopped || this.inFlight.size >= (this.opts.maxInFlight ?? 3)) return;
    let next = Infinity;
    for (const [id, e] of this.entries) if (!this.inFlight.has(id)) next = Math.min(next, e.dueAt);
    if (next === Infinity) {
      this.cancelTimer?.();
      this.cancelTimer = null;
      this.timerAt = Infinity;
      return;
    }
    next = Math.max(next, this.pausedUntil);
    if (this.cancelTimer && this.timerAt <= next) return;
    this.cancelTimer?.();
    this.timerAt = next;
    this.cancelTimer = this.opts.clock.setTimeout(
      () => {
        this.cancelTimer = null;
        this.timerAt = Infinity;
        this.runDue();
      },
      Math.max(0, next - this.opts.clock.now()),
    );
  }

  private runDue(): void {
    const now = this.opts.clock.now();
    const limit = this.opts.maxInFlight ?? 3;
    if (now >= this.pausedUntil) {
      const due = [...this.entries]
        .filter(([id, e]) => e.dueAt <= now && !this.inFlight.has(id))
        .sort((a, b) => a[1].dueAt - b[1].dueAt);
      for (const [id] of due) {
        if (this.inFlight.size >= limit) break;
        void this.pollOne(id);
      }
    }
    this.arm();
  }

  private async pollOne(id: string): Promise<void> {
    this.inFlight.add(id);
    try {
      const outcome = await this.opts.poll(id);
      const entry = this.entries.get(id);
      if (!entry) return;
      if (outcome.closed) {
        this.opts.log?.info(`poll: callout ${id} closed; polling stops`);
        this.entries.delete(id);
        return;
      }
      this.entries.set(id, {
        stage: outcome.stage,
        failures: 0,
        dueAt: this.opts.clock.now() + this.intervalFor(outcome.stage),
      });
    } catch (error) {
      this.opts.onError?.(id, error);
      const entry = this.entries.get(id);
      if (!entry) return;
      const failures = entry.failures + 1;
      const retryAfter = error instanceof AuraError ? error.retryAfterMs : null;
      if (retryAfter !== null) this.pausedUntil = Math.max(this.pausedUntil, this.opts.clock.now() + retryAfter);
      const base = Math.min(this.opts.maxBackoffMs ?? 60_000, this.intervalFor(entry.stage) * 2 ** failures);
      const jitter = 0.8 + 0.4 * (this.opts.random ?? Math.random)();
      this.entries.set(id, {
        ...entry,
        failures,
        dueAt: this.opts.clock.now() + Math.max(base * jitter, retryAfter ?? 0),
      });
      const nextInMs = Math.round((this.entries.get(id)?.dueAt ?? 0) - this.opts.clock.now());
      const kind = error instanceof AuraError ? error.kind : 'error';
      this.opts.log?.warn(`poll: callout ${id} failed (${kind}) ${failures}x; next in ${nextInMs} ms`);
    } finally {
      this.inFlight.delete(id);
      this.arm();
    }
  }
}
