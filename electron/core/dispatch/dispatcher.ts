// Sends presses from the outbox to AURA, exactly once, for as long as the app runs.
//
// One attempt is: (1) if an earlier attempt may have reached AURA, or the site already has an
// active callout, look in AURA's active callouts and adopt the site's callout if it is there;
// (2) otherwise raise a callout. After a failure whose outcome is unknown (timeout, reset, 5xx,
// a garbled answer) the next attempt therefore checks before it sends again: no lost press, no
// duplicate incident. Permanent failures stop and say why.
import type { Press } from '../../shared/model';
import type { AuraCallout } from '../aura/schemas';
import { AuraError, plainWords, refusedForGood } from '../aura/errors';
import type { Clock, Logger } from '../ports';
import type { Outbox } from './outbox';

/** What the dispatcher needs of the AURA client (AuraClient satisfies it). */
export interface DispatchApi {
  raiseCallout(externalReferenceId: string): Promise<AuraCallout>;
  listActiveCallouts(): Promise<AuraCallout[]>;
}

export interface DispatcherOptions {
  outbox: Outbox;
  clock: Clock;
  /** Null while no AURA credentials are configured: presses wait, shown as NOT SENT. */
  api: DispatchApi | null;
  /** AURA's id of the site (to find its callout among the active ones); may sync sites to learn it. */
  auraIdOf(siteId: string): Promise<number | null>;
  /** The id of the site's callout this desk is following, if it is still active. */
  activeCalloutFor(siteId: string): string | null;
  /** A press reached AURA: `callout` is the one it raised or was attached to. */
  onSent(press: Press, callout: AuraCallout, how: 'raised' | 'adopted'): void;
  onFailure(press: Press, error: unknown): void;
  onContact(): void;
  /** Called after every change of a press, to publish state. */
  onChange(): void;
  /** Delays between attempts; the last repeats forever. Jitter of ±20 % is added. */
  delaysMs?: readonly number[];
  /**
   * After a timeout the request may still be on its way to AURA or being handled there. Looking
   * for its callout at once could miss it and raise a second one, so the next attempt waits at
   * least this long. Default 2 s: short next to the cost of a late panic.
   */
  settleAfterTimeoutMs?: number;
  random?: () => number;
  /** The diagnostics log: each attempt's decision in one line. */
  log?: Logger;
}

export const DEFAULT_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 10_000] as const;

export class Dispatcher {
  private readonly timers = new Map<string, () => void>();
  private readonly inFlight = new Set<string>();
  /** Presses no attempt of which can have reached AURA in this run (each was refused with 429). */
  private readonly notRaised = new Set<string>();
  private stopped = false;

  constructor(private readonly opts: DispatcherOptions) {}

  /** Sends every press that is not yet sent (at start-up, and when credentials arrive). */
  resumeAll(): void {
    for (const press of this.opts.outbox.pending()) this.schedule(press.id, 0);
  }

  /** Starts sending a press that the outbox already holds. */
  dispatch(pressId: string): void {
    this.schedule(pressId, 0);
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  /** True while any press is waiting for a retry: readiness shows this as degraded. */
  get retrying(): boolean {
    return this.opts.outbox.pending().some((p) => p.status === 'notSent');
  }

  private schedule(pressId: string, delayMs: number): void {
    if (this.stopped || this.inFlight.has(pressId)) return;
    this.timers.get(pressId)?.();
    if (delayMs <= 0) {
      this.timers.delete(pressId);
      void this.attempt(pressId);
      return;
    }
    this.timers.set(
      pressId,
      this.opts.clock.setTimeout(() => {
        this.timers.delete(pressId);
        void this.attempt(pressId);
      }, delayMs),
    );
  }

  private async attempt(pressId: string): Promise<void> {
    const { outbox } = this.opts;
    const press = outbox.get(pressId);
    if (this.stopped || !press || press.status === 'sent' || press.status === 'failed') return;
    const api = this.opts.api;
    if (!api) {
      outbox.update(pressId, { status: 'notSent', lastError: 'Panic Desk has no AURA credentials yet' });
      this.opts.onChange();
      return;
    }
    this.inFlight.add(pressId);
    let retryInMs: number | null = null;
    // Recorded before the request: after a crash, attempts > 0 tells the next run to check first.
    const attempts = press.attempts + 1;
    const sending = outbox.update(pressId, { status: 'sending', attempts });
    this.opts.onChange();
    try {
      const checkFirst =
        (press.attempts > 0 && !this.notRaised.has(pressId)) || this.opts.activeCalloutFor(press.siteId) !== null;
      this.opts.log?.info(
        `dispatch: press ${pressId} attempt ${attempts}: ${checkFirst ? 'check active callouts first' : 'raise'}`,
      );
      const adopted = checkFirst ? await this.findActive(api, press.siteId) : null;
      const callout = adopted ?? (await api.raiseCallout(press.siteId));
      this.opts.onContact();
      const sent = outbox.update(pressId, { status: 'sent', calloutId: callout.id, lastError: null });
      this.opts.onSent(sent, callout, adopted ? 'adopted' : 'raised');
      this.opts.log?.info(`dispatch: press ${pressId} sent: ${adopted ? 'adopted' : 'raised'} callout ${callout.id}`);
    } catch (error) {
      // A 429 is refused before handling: when no earlier attempt of this run can have reached
      // AURA either, the next attempt raises at once (one request, not two, while a rate limit
      // bites a fleet). A restart, or any other failure, makes it check first again.
      const known = press.attempts === 0 || this.notRaised.has(pressId);
      if (known && error instanceof AuraError && error.kind === 'rateLimited') this.notRaised.add(pressId);
      else this.notRaised.delete(pressId);
      retryInMs = this.fail(sending, error);
      const next = retryInMs === null ? 'not retried' : `retry in ${retryInMs} ms`;
      this.opts.log?.warn(`dispatch: press ${pressId} attempt ${attempts} failed (${errorKind(error)}): ${next}`);
    } finally {
      this.inFlight.delete(pressId);
      this.opts.onChange();
    }
    if (retryInMs !== null) this.schedule(pressId, retryInMs);
  }

  private async findActive(api: DispatchApi, siteId: string): Promise<AuraCallout | null> {
    const auraId = await this.opts.auraIdOf(siteId);
    const active = await api.listActiveCallouts();
    // Without AURA's id the callout cannot be recognised; AURA's own de-duplication of a
    // site's active callout is then the only guard, so say so in the log of this decision.
    if (auraId === null) return null;
    return active.find((c) => c.predefinedLocationId === auraId) ?? null;
  }

  /** Records the failure; returns when to try again, or null when retrying cannot help. */
  private fail(press: Press, error: unknown): number | null {
    const { outbox } = this.opts;
    const message = plainWords(error);
    const kind = error instanceof AuraError ? error.kind : null;
    this.opts.onFailure(press, error);
    if (refusedForGood(error)) {
      // AURA refuses this panic for good (unknown or deleted site, not allowed): say exactly why.
      outbox.update(press.id, { status: 'failed', lastError: message });
      return null;
    }
    if (kind === 'credentialsRejected') {
      // No retry can succeed until the credentials are fixed; saving new ones resumes the press.
      outbox.update(press.id, {
        status: 'notSent',
        lastError: `${message}. Fix the credentials in Setup: this panic is sent as soon as they work.`,
      });
      return null;
    }
    outbox.update(press.id, { status: 'notSent', lastError: message });
    const retryAfter = error instanceof AuraError ? error.retryAfterMs : null;
    // Rate limited: back as soon as AURA allows, without a growing backoff (nothing is down).
    if (kind === 'rateLimited' && retryAfter !== null) return Math.max(retryAfter, 500);
    const settle = kind === 'timeout' ? (this.opts.settleAfterTimeoutMs ?? 2000) : 0;
    return Math.max(retryAfter ?? 0, settle, this.backoff(press.attempts));
  }

  private backoff(attempts: number): number {
    const delays = this.opts.delaysMs ?? DEFAULT_DELAYS_MS;
    const base = delays[Math.min(Math.max(attempts, 1), delays.length) - 1] ?? 10_000;
    const jitter = 0.8 + 0.4 * (this.opts.random ?? Math.random)();
    return Math.round(base * jitter);
  }
}

function errorKind(error: unknown): string {
  return error instanceof AuraError ? error.kind : error instanceof Error ? error.name : 'unknown';
}
