// A clock for tests against the real simulator over real sockets: real timers, but the desk's
// time runs `factor` times faster (a 10 s retry takes 10 s / factor), and the wall clock can be
// jumped without moving timers, as NTP or an operator would.
import { timerDelay, type Clock } from '../../electron/core/ports';

export class ScaledClock implements Clock {
  private readonly start = performance.now();
  private readonly wallStart = Date.now();
  private wallOffset = 0;

  constructor(readonly factor = 1) {}

  monotonic(): number {
    return (performance.now() - this.start) * this.factor;
  }

  now(): number {
    return this.wallStart + this.monotonic() + this.wallOffset;
  }

  jumpWall(ms: number): void {
    this.wallOffset += ms;
  }

  setTimeout(fn: () => void, ms: number): () => void {
    const handle = setTimeout(fn, timerDelay(ms) / this.factor);
    return () => clearTimeout(handle);
  }

  sleep = (ms: number): Promise<void> => new Promise((resolve) => this.setTimeout(resolve, ms));
}
