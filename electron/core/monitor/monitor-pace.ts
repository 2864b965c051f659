// A monitor's own polling pace (issue 24 item 2). An ordinary desk's poll cycle has no timer of
// its own while it follows nothing (the readiness probe, about once a minute, discovers callouts
// raised elsewhere) and slows to 15 s once everything it follows is settled. A wallboard must see
// a callout raised anywhere within seconds, so a monitor asks for the cycle every 5 s whatever it
// follows, and its settled pace is the moving one. It adds no request of its own: each tick is
// the poller's probe (poller.ts), which runs a cycle when none is due and otherwise joins the next
// one, never earlier than backoff and Retry-After allow. A cycle is still ONE list read, whatever
// the number of sites; a callout is read in full only when it is new to the desk or its status on
// the list changed (cycle-plan.ts).
import type { Press } from '../../shared/model/press';
import type { PressBook } from '../dispatch/ledger';
import type { Clock } from '../ports';

/** A monitor's cycle: AURA's active list every 5 s. */
export const MONITOR_EVERY_MS = 5_000;

export interface MonitorPaceOptions {
  clock: Clock;
  /** The poll cycle's probe: one list read now, or the next cycle's. */
  probe: () => Promise<unknown>;
  everyMs?: number;
  /** Spreads the ticks of several monitors (80-100 % of the pace); none: exact, for tests. */
  random?: () => number;
}

export class MonitorPace {
  private cancel: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly opts: MonitorPaceOptions) {}

  start(): void {
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
  }

  /** One probe at a time: the next tick is armed only once this one's list read came back or failed. */
  private tick(): void {
    if (this.stopped) return;
    const next = (): void => {
      if (this.stopped) return;
      const every = this.opts.everyMs ?? MONITOR_EVERY_MS;
      const random = this.opts.random;
      this.cancel = this.opts.clock.setTimeout(() => this.tick(), random ? every * (0.8 + 0.2 * random()) : every);
    };
    this.opts.probe().then(next, next);
  }
}

/** The poll timing of a monitor: settled callouts are polled at the moving pace. */
export function monitorTiming<T extends { movingMs?: number; settledMs?: number }>(timing: T | undefined): T {
  const movingMs = timing?.movingMs ?? MONITOR_EVERY_MS;
  return { ...(timing ?? ({} as T)), movingMs, settledMs: movingMs };
}

/** What a press made before the switch to monitor says while it waits for the operator's choice. */
export const MADE_BEFORE_MONITOR = 'Made before this desk became a monitor: still needed?';

/**
 * A monitor sends nothing by itself: the unsent presses of its connection, made before the switch,
 * wait for the operator's choice (Send now / Put away), as a stale press does. None is dropped.
 */
export function holdPressesForChoice(outbox: PressBook): Press[] {
  return outbox
    .pending()
    .filter((press) => !press.stale)
    .map((press) => outbox.update(press.id, { status: 'notSent', stale: true, lastError: MADE_BEFORE_MONITOR }));
}
