// One followed callout as the poller sees it: the desk's callout record (the one source of its
// stage, status, origin and "no longer followed") joined with the poller's own timing for it, and
// what a read or a failed read does to that timing. Pure: the poller passes the monotonic time
// and its random draw, so the timer and the cycle (poller.ts) stay apart from these rules.
import {
  isDone,
  nextEventsAt,
  type FollowEntry,
  type FollowedCallout,
  type PlanTiming,
  type PollTimes,
  type Read,
} from './cycle-plan';

/** The timing of a callout the poller sees for the first time: events at their cadence. */
export function newTimes(
  raisedHere: boolean,
  now: number,
  t: { eventsOwnMs: number; eventsOtherMs: number },
): PollTimes {
  return {
    eventsDueAt: now + (raisedHere ? t.eventsOwnMs : t.eventsOtherMs),
    replyUntil: 0,
    settled: null,
    absentReadAt: null,
    failures: 0,
    blockedUntil: 0,
    readNext: false,
    hurried: false,
    finished: false,
  };
}

/**
 * The record and its timing as one cycle plans them. The 24 h "no longer followed" count starts
 * when the record is first seen completed or cancelled (by the wall clock's age of that stage, so
 * that a restart keeps it), and again whenever that stage changes.
 */
export function entryOf(record: FollowedCallout, times: PollTimes, now: number, isNew: boolean): FollowEntry {
  if (!isDone(record.stage)) times.settled = null;
  else if (times.settled?.stage !== record.stage)
    times.settled = { stage: record.stage, since: now - record.settledForMs };
  const { settled, ...rest } = times;
  return { ...record, ...rest, settledSince: settled?.since ?? null, isNew };
}

/** A read answered (and did not say closed): the next events read, the next re-read if absent. */
export function applyRead(
  times: PollTimes,
  entry: Pick<FollowEntry, 'raisedHere' | 'unfollowed'>,
  read: Read,
  listed: boolean,
  now: number,
  t: PlanTiming,
): void {
  times.failures = 0;
  times.blockedUntil = 0;
  if (read.events)
    times.eventsDueAt = nextEventsAt({ raisedHere: entry.raisedHere, replyUntil: times.replyUntil }, now, t);
  if (!read.details) return;
  times.readNext = false;
  times.hurried = false;
  // Open but missing from the list: read again next cycle (no longer followed: every 2 min).
  times.absentReadAt = listed ? null : now + (entry.unfollowed ? t.eventsOtherMs : 0);
}

/** A read of this callout failed: it alone is backed off (the cycle goes on), ±20 % by `draw`. */
export function readFailed(
  times: PollTimes,
  now: number,
  draw: number,
  t: { maxBackoffMs: number; movingMs: number },
): void {
  times.failures++;
  const base = Math.min(t.maxBackoffMs, t.movingMs * 2 ** times.failures);
  times.blockedUntil = now + base * (0.8 + 0.4 * draw);
}
