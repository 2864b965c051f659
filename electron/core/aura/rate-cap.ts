// The request-rate cap: however AURA answers (a 429 storm, Retry-After: 0, a token that expires
// at once), the desk sends at most a fixed number of requests in any rolling minute. Requests
// beyond it wait for a slot. The last URGENT_RESERVE slots of the minute are kept for POSTs (a
// raise, an event, a token exchange), so polling can never crowd out a panic.

/**
 * 300 a minute (5/s): far above the desk's normal load (polling a few callouts every 5 s,
 * two requests each, plus readiness and presses) and far below a flood.
 */
export const REQUESTS_PER_MINUTE = 300;
const WINDOW_MS = 60_000;
/** Slots of each minute only urgent requests may use. */
const URGENT_RESERVE = 60;

export interface RateCapOptions {
  perMinute: number;
  monotonic: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RateCap {
  /** Start times of the requests in the last minute, oldest first. */
  private readonly starts: number[] = [];

  constructor(private readonly opts: RateCapOptions) {}

  /** Waits until a request may start, then counts it. */
  async take(urgent = false): Promise<void> {
    for (;;) {
      const now = this.opts.monotonic();
      while (this.starts.length > 0 && (this.starts[0] as number) <= now - WINDOW_MS) this.starts.shift();
      const limit = urgent ? this.opts.perMinute : Math.max(1, this.opts.perMinute - URGENT_RESERVE);
      if (this.starts.length < limit) {
        this.starts.push(now);
        return;
      }
      const wait = (this.starts[this.starts.length - limit] as number) + WINDOW_MS - now;
      await (this.opts.sleep ?? sleep)(Math.max(1, wait));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref?.();
  });
}
