// A manual clock for tests of timing logic: time moves only when the test says so, and due
// timers run in order, with pending promise callbacks flushed between them. Timers run on the
// monotonic time; `jumpWall` moves only the wall clock, as NTP or an operator would.
import { timerDelay, type Clock } from '../../electron/core/ports';

type Timer = { id: number; at: number; fn: () => void };

export class FakeClock implements Clock {
  private t: number;
  private mono = 0;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start = Date.UTC(2026, 10, 26, 3, 0, 0)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  monotonic(): number {
    return this.mono;
  }

  /** Sets the wall clock forward or back by `ms` without moving monotonic time or timers. */
  jumpWall(ms: number): void {
    this.t += ms;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const timer = { id: this.nextId++, at: this.mono + timerDelay(ms), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x.id !== timer.id);
    };
  }

  /** Delays of the timers now pending, from now (for asserting backoff). */
  pendingDelays(): number[] {
    return this.timers.map((x) => x.at - this.mono).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, running every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.mono + ms;
    await flush();
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x.id !== due.id);
      if (due.at > this.mono) {
        this.t += due.at - this.mono;
        this.mono = due.at;
      }
      due.fn();
      await flush();
    }
    this.t += end - this.mono;
    this.mono = end;
    await flush();
  }
}

/** Lets pending promise callbacks (and what they schedule) run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
