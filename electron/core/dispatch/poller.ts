// Background polling of tracked callouts: one scheduler for all of them; nothing runs when
// nothing is tracked.
import type { Clock } from '../ports';

export interface PollerOptions {
  clock: Clock;
  intervalMs: number;
  poll: (calloutId: string) => Promise<void>;
}

export class Poller {
  private readonly tracked = new Set<string>();
  private cancelTimer: (() => void) | null = null;
  private running = false;

  constructor(private readonly opts: PollerOptions) {}

  track(calloutId: string): void {
    this.tracked.add(calloutId);
    this.schedule();
  }

  untrack(calloutId: string): void {
    this.tracked.delete(calloutId);
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.tracked.clear();
  }

  private schedule(): void {
    if (this.cancelTimer || this.tracked.size === 0) return;
    this.cancelTimer = this.opts.clock.setTimeout(() => void this.tick(), this.opts.intervalMs);
  }

  private async tick(): Promise<void> {
    this.cancelTimer = null;
    if (this.running) return;
    this.running = true;
    try {
      for (const id of [...this.tracked]) await this.opts.poll(id);
    } finally {
      this.running = false;
      this.schedule();
    }
  }
}
