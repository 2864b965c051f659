// The poller's paces and limits (docs/decisions.md, "Polling"): the defaults, and the set one
// poller runs with, each option given at construction overriding its default.

export const POLL_DEFAULTS = {
  movingMs: 5000,
  settledMs: 15_000,
  eventsOwnMs: 30_000,
  eventsOtherMs: 120_000,
  eventsBudgetMs: 10_000,
  replyEveryMs: 10_000,
  replyWindowMs: 120_000,
  unfollowAfterMs: 24 * 3600_000,
  maxBackoffMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
  maxInFlight: 3,
} as const;

export type PollTiming = typeof POLL_DEFAULTS;

/** The defaults, overridden by whichever of them `options` sets (undefined keeps the default). */
export function pollTiming(options: object): PollTiming {
  const o = options as Partial<PollTiming>;
  return Object.fromEntries(
    Object.entries(POLL_DEFAULTS).map(([k, v]) => [k, o[k as keyof PollTiming] ?? v]),
  ) as PollTiming;
}
