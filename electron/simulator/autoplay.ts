// The optional timed script: created → dispatched → arrived → completed → closed, and a cancelled
// callout → closed. Each step counts from the moment the callout entered its phase (kept in the
// world, so a restored simulator carries on where it stopped). One timer for the nearest step.
import type { SimulatorState } from './state';
import type { AutoplayTimings, SimCallout, SimStep } from './world';

function nextStep(c: SimCallout, t: AutoplayTimings): { step: SimStep; afterMs: number } | null {
  switch (c.phase) {
    case 'created':
      return { step: 'dispatch', afterMs: t.dispatchMs };
    case 'dispatched':
      return { step: 'arrive', afterMs: t.arriveMs };
    case 'arrived':
      return { step: 'complete', afterMs: t.completeMs };
    case 'completed':
    case 'cancelled':
      return { step: 'close', afterMs: t.closeMs };
    case 'closed':
      return null;
  }
}

export class Autoplay {
  private cancelTimer: (() => void) | null = null;
  private stopped = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly state: SimulatorState,
    private readonly now: () => number,
    /** Arms a timer; returns its cancel (real timers in the app, a virtual clock in the model test). */
    private readonly wait: (fn: () => void, ms: number) => () => void,
  ) {
    this.unsubscribe = state.onChange(() => this.reschedule());
    this.reschedule();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    this.clear();
  }

  private clear(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private reschedule(): void {
    this.clear();
    const { on, timings } = this.state.autoplay;
    if (this.stopped || !on) return;
    let due = Infinity;
    for (const c of this.state.activeCallouts()) {
      const next = nextStep(c, timings);
      if (next) due = Math.min(due, c.phaseSince + next.afterMs);
    }
    if (due === Infinity) return;
    this.cancelTimer = this.wait(() => this.tick(), Math.min(2 ** 31 - 1, Math.max(0, due - this.now())));
  }

  private tick(): void {
    this.cancelTimer = null;
    const { timings } = this.state.autoplay;
    const now = this.now();
    for (const c of this.state.activeCallouts()) {
      const next = nextStep(c, timings);
      // advance() announces a change, which reschedules; one step per callout per tick.
      if (next && c.phaseSince + next.afterMs <= now) this.state.advance(c.id, next.step);
    }
    if (!this.cancelTimer) this.reschedule();
  }
}
