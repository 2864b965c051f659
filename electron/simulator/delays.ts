// The simulator's waits (latency and hold faults): each one ends early, with false, when the
// simulator stops, so a stopped simulator leaves no request hanging.
export type Wait = (fn: () => void, ms: number) => () => void;

export const realSetTimeout: Wait = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  // A request waiting on a latency fault keeps the process alive by its socket, not by this timer.
  timer.unref?.();
  return () => clearTimeout(timer);
};

export class Delays {
  private readonly pending = new Set<() => void>();
  stopped = false;

  constructor(private readonly wait: Wait) {}

  /** Waits `ms`, or less if the simulator stops meanwhile (then resolves false). */
  delay(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimer();
        this.pending.delete(cancel);
        resolve(ok);
      };
      const cancel = (): void => done(false);
      const clearTimer = this.wait(() => done(true), ms);
      this.pending.add(cancel);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of [...this.pending]) cancel();
  }
}
