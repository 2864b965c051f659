// An optional per-client rate limit for the simulator (off by default), as an API gateway applies
// one: a token bucket refilled at `perMinute` requests a minute, holding at most `burst`. A request
// beyond it gets 429 with Retry-After in whole seconds (at least 1), and costs nothing. The fleet
// bench uses it (test/bench/fleet.ts); the simulator serves one client, so its limit is that client's.
export interface RateLimitOptions {
  perMinute: number;
  /** Requests allowed at once after a quiet spell (default: 10 s worth). */
  burst?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private readonly burst: number;

  constructor(
    opts: RateLimitOptions,
    private readonly now: () => number,
  ) {
    this.perMs = opts.perMinute / 60_000;
    this.burst = Math.max(1, opts.burst ?? Math.round(opts.perMinute / 6));
  }

  /** Takes one request from the client's bucket, or says when to come back. */
  take(client: string): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }
}
