// One answer to "would a press right now reach AURA?", from what every AURA call reports plus a
// cheap probe about once a minute and soon after any failure. The desk's probe is the poll
// cycle's own list read (dispatch/poller.ts): while callouts are followed it joins the next
// cycle instead of making a request of its own.
import type { Environment, Readiness } from '../../shared/model/connection';
import { ENVIRONMENT_NAMES } from '../../shared/environments';
import { AuraError, plainWords, refusedForGood } from '../aura/errors';
import { KeychainUnavailableError } from './connection';
import type { Clock } from '../ports';

/** A probe slower than this makes the desk "degraded": a press would arrive, but late. */
export const SLOW_MS = 3000;

export type ConfigProblem = { level: 'notConfigured' | 'keychainUnavailable'; message: string } | null;

export interface ReadinessOptions {
  environment: Environment;
  clock: Clock;
  /** Null when a press can be attempted at all; else why not. */
  configProblem: ConfigProblem;
  /** The light request: resolves when AURA answered, with the request's latency when it knows it. */
  probe: (() => Promise<number | void>) | null;
  /** True while presses are waiting for a retry. */
  retrying: () => boolean;
  onChange: () => void;
  everyMs?: number;
  afterFailureMs?: number;
  /**
   * Spreads a fleet's probes (the desk passes one; without it the schedule is exact, for tests):
   * each probe comes 1 to 1.2 × everyMs after the last, and after failures the checks back off
   * (afterFailureMs doubling up to everyMs, ±20 %), so 200 desks do not all return at once when
   * AURA comes back (issue 15, the fleet bench).
   */
  random?: () => number;
}

export class ReadinessTracker {
  private lastContactAt: number | null = null;
  private lastLatencyMs = 0;
  private lastError: unknown = null;
  private cancelTimer: (() => void) | null = null;
  private stopped = false;
  private failures = 0;

  constructor(private readonly opts: ReadinessOptions) {}

  start(): void {
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** Any AURA call that got an answer. */
  recordContact(latencyMs = 0): void {
    this.lastContactAt = this.opts.clock.now();
    this.failures = 0;
    this.lastLatencyMs = latencyMs;
    this.lastError = null;
    this.opts.onChange();
  }

  /** Any AURA call that failed: check again soon, so recovery shows quickly. */
  recordFailure(error: unknown): void {
    // AURA answered and refused one request (an unknown site, a bad form): it is reachable, and a
    // press elsewhere would still arrive. That is contact, not an outage.
    if (refusedForGood(error)) return this.recordContact();
    this.lastError = error;
    this.opts.onChange();
    this.failures++;
    const every = this.opts.everyMs ?? 60_000;
    const backoff = Math.min(every, (this.opts.afterFailureMs ?? 10_000) * 2 ** (this.failures - 1));
    const random = this.opts.random;
    this.schedule(random ? Math.round(backoff * (0.8 + 0.4 * random())) : backoff);
  }

  get current(): Readiness {
    const name = ENVIRONMENT_NAMES[this.opts.environment];
    const lastContactAt = this.lastContactAt;
    const problem = this.opts.configProblem;
    if (problem) return { level: problem.level, message: problem.message, lastContactAt };
    const error = this.lastError;
    if (error instanceof KeychainUnavailableError) {
      return { level: 'keychainUnavailable', message: error.message, lastContactAt };
    }
    if (error instanceof AuraError && error.kind === 'credentialsRejected') {
      return {
        level: 'credentialsRejected',
        message: `${name} rejected the client ID or secret — presses cannot be sent; fix them in Setup`,
        lastContactAt,
      };
    }
    if (error !== null) {
      return {
        level: 'offline',
        message: `Presses will be queued and retried — ${plainWords(error)}`,
        lastContactAt,
      };
    }
    if (lastContactAt === null) return { level: 'degraded', message: `Connecting to ${name}…`, lastContactAt };
    if (this.opts.retrying())
      return { level: 'degraded', message: `${name} — a panic is being retried`, lastContactAt };
    if (this.lastLatencyMs > SLOW_MS) {
      return {
        level: 'degraded',
        message: `${name} — slow (${(this.lastLatencyMs / 1000).toFixed(1)} s)`,
        lastContactAt,
      };
    }
    return { level: 'ready', message: name, lastContactAt };
  }

  private schedule(delayMs: number): void {
    if (this.stopped || !this.opts.probe) return;
    this.cancelTimer?.();
    this.cancelTimer = this.opts.clock.setTimeout(() => void this.runProbe(), delayMs);
  }

  private async runProbe(): Promise<void> {
    const probe = this.opts.probe;
    if (!probe || this.stopped) return;
    const started = this.opts.clock.monotonic();
    try {
      const latency = await probe();
      this.recordContact(typeof latency === 'number' ? latency : this.opts.clock.monotonic() - started);
      const random = this.opts.random;
      this.schedule(Math.round((this.opts.everyMs ?? 60_000) * (random ? 1 + 0.2 * random() : 1)));
    } catch (error) {
      this.recordFailure(error);
    }
  }
}
