// One followed callout's record as the poller changes it: followed (or told its stage again),
// read, or failed to read. Pure: the poller passes the monotonic time and its random draw, so the
// timer and the cycle (poller.ts) stay apart from what a read does to the record.
import type { Stage } from '../../shared/stages';
import { isDone, nextEventsAt, type FollowEntry, type PlanTiming, type Read } from './cycle-plan';
import type { PollOutcome } from './poller';

/** What `Poller.track` may say about a callout beyond its stage. */
export interface TrackHow {
  status?: string | null;
  raisedHere?: boolean;
  unfollowed?: boolean;
  settledForMs?: number;
}

/** The record of a callout the poller starts (or goes on) following; `existing` keeps its history. */
export function trackedEntry(
  existing: FollowEntry | undefined,
  stage: Stage,
  dueInMs: number | undefined,
  how: TrackHow,
  at: { now: number; cycleSeq: number },
  t: { eventsOwnMs: number; eventsOtherMs: number },
): FollowEntry {
  const { now } = at;
  const raisedHere = how.raisedHere ?? existing?.raisedHere ?? true;
  const settledSince = isDone(stage) ? (existing?.settledSince ?? now - (how.settledForMs ?? 0)) : null;
  return {
    status: how.status !== undefined ? how.status : (existing?.status ?? null),
    stage,
    raisedHere,
    // A callout the desk reads now (e.g. at start) has its events read in the first cycle.
    eventsDueAt: existing?.eventsDueAt ?? (dueInMs === 0 ? now : now + (raisedHere ? t.eventsOwnMs : t.eventsOtherMs)),
    replyUntil: existing?.replyUntil ?? 0,
    settledSince,
    unfollowed: how.unfollowed ?? existing?.unfollowed ?? false,
    absentReadAt: existing?.absentReadAt ?? null,
    sinceCycle: existing?.sinceCycle ?? at.cycleSeq,
    failures: existing?.failures ?? 0,
    blockedUntil: existing?.blockedUntil ?? 0,
  };
}

/** A read answered (and did not say closed): the next events read, the stage, the next re-read if absent. */
export function applyRead(
  entry: FollowEntry,
  read: Read,
  outcome: PollOutcome,
  listed: boolean,
  now: number,
  t: PlanTiming,
): void {
  entry.failures = 0;
  entry.blockedUntil = 0;
  if (read.events) entry.eventsDueAt = nextEventsAt(entry, now, t);
  if (!read.details) return;
  entry.status = outcome.status;
  if (outcome.stage !== entry.stage || !isDone(outcome.stage)) {
    entry.settledSince = isDone(outcome.stage) ? now : null;
  }
  entry.stage = outcome.stage;
  // Open but missing from the list: read again next cycle (no longer followed: every 2 min).
  entry.absentReadAt = listed ? null : now + (entry.unfollowed ? t.eventsOtherMs : 0);
  entry.unfollowed = false;
}

/** A read of this callout failed: it alone is backed off (the cycle goes on), ±20 % by `draw`. */
export function readFailed(
  entry: FollowEntry,
  now: number,
  draw: number,
  t: { maxBackoffMs: number; movingMs: number },
): void {
  entry.failures++;
  const base = Math.min(t.maxBackoffMs, t.movingMs * 2 ** entry.failures);
  entry.blockedUntil = now + base * (0.8 + 0.4 * draw);
}
