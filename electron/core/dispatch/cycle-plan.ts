// What one poll cycle reads, decided from the one request every cycle makes (AURA's active
// callouts) and what the desk already holds. Pure: no clock, no I/O, so the rules are testable
// on their own. The full callout is read only for a callout whose status changed, that is new to
// the desk, or that left the active list; events on a status change, when the operator waits
// for a reply, and otherwise at a slow cadence within a desk-wide budget.
import type { Stage } from '../../shared/stages';

/** One callout of AURA's active list, as far as the cycle needs it. */
export interface ListedCallout {
  id: string;
  status: string;
  predefinedLocationId: number | null;
}

/**
 * What the poller reads of one callout from the desk's callout record (the one source: the
 * poller keeps no copy of it, only its own timing).
 */
export interface FollowedCallout {
  id: string;
  stage: Stage;
  /** AURA's status string as last read in full; null before the first full read. */
  status: string | null;
  /** Raised by this desk (events every `eventsOwnMs`) or elsewhere (every `eventsOtherMs`). */
  raisedHere: boolean;
  /** Settled too long (its card says so): only a change on the list (or leaving it) brings it back. */
  unfollowed: boolean;
  /** How long (wall clock) it has been completed or cancelled when first seen so, e.g. after a restart. */
  settledForMs: number;
}

/** What a read of a followed callout reports to the poller. */
export interface PollOutcome {
  stage: Stage;
  /** AURA's status string after the read (unchanged by an events-only read). */
  status: string;
  /** AURA said the callout is closed (a closed stage or HTTP 285): stop following it. */
  closed: boolean;
  /** The events read failed while the details were applied (reported; the events keep their cadence). */
  eventsError?: unknown;
}

/** The poller's own timing for one followed callout (times are monotonic milliseconds). */
export interface PollTimes {
  eventsDueAt: number;
  /** Until when the operator waits for a reply (after the desk sent a message); 0 when not. */
  replyUntil: number;
  /** The completed or cancelled stage it was seen at, and since when; null while it is not. */
  settled: { stage: Stage; since: number } | null;
  /**
   * Left AURA's list and its read did not say closed: when to read it again (every cycle; every
   * 2 min once no longer followed). Its stage, not its absence, sets the pace.
   */
  absentReadAt: number | null;
  failures: number;
  /** After a failed read of this callout, nothing more is read for it until then. */
  blockedUntil: number;
  /** Read in full in the next cycle whatever the list says (after a cancel, a recovered callout). */
  readNext: boolean;
  /** Paced as moving until its next full read (Training's autoplay moves callouts on its own). */
  hurried: boolean;
  /** AURA answered closed (285) though the record is not: not read again unless woken. */
  finished: boolean;
}

/** A followed callout as one cycle plans it: the record, the poller's timing, and whether it is new. */
export interface FollowEntry extends FollowedCallout, Omit<PollTimes, 'settled'> {
  /** Since when it has been completed or cancelled; null while it is not. */
  settledSince: number | null;
  /** Not followed yet when the cycle's list was asked for: that list cannot show it. */
  isNew: boolean;
}

export interface PlanTiming {
  eventsOwnMs: number;
  eventsOtherMs: number;
  replyEveryMs: number;
}

export interface Read {
  id: string;
  details: boolean;
  events: boolean;
}

export interface CyclePlan {
  reads: Read[];
  /** Listed callouts the desk does not follow (the desk decides whether they are its own sites'). */
  unknown: ListedCallout[];
  /** How many of the reads were cadence events reads (counted against the budget). */
  budgetUsed: number;
}

/**
 * The reads of one cycle. `eventsBudget` is how many cadence events reads (those no status change
 * or awaited reply asks for) this cycle may make: the most overdue go first.
 */
export function planCycle(
  entries: ReadonlyMap<string, FollowEntry>,
  listed: readonly ListedCallout[],
  now: number,
  eventsBudget: number,
): CyclePlan {
  const byId = new Map(listed.map((item) => [item.id, item]));
  const reads: Read[] = [];
  const cadence: Array<{ id: string; overdue: number }> = [];
  for (const [id, entry] of entries) {
    if (entry.isNew || entry.blockedUntil > now) continue;
    const item = byId.get(id);
    if (!item) {
      // Left the list: read it for its final state (closed, cancelled, 285). Still open (paging,
      // a cache, an odd item): read again every cycle, its events at their cadence (issue 20).
      const first = entry.absentReadAt === null;
      if (entry.absentReadAt === null || entry.absentReadAt <= now)
        reads.push({ id, details: true, events: first || entry.eventsDueAt <= now });
      continue;
    }
    if (item.status !== entry.status || entry.absentReadAt !== null || entry.readNext) {
      reads.push({ id, details: true, events: true });
      continue;
    }
    if (asleep(entry)) continue;
    if (entry.replyUntil > now && entry.eventsDueAt <= now) {
      reads.push({ id, details: false, events: true });
      continue;
    }
    if (entry.eventsDueAt <= now) cadence.push({ id, overdue: now - entry.eventsDueAt });
  }
  cadence.sort((a, b) => b.overdue - a.overdue);
  const budgeted = cadence.slice(0, Math.max(0, eventsBudget));
  for (const { id } of budgeted) reads.push({ id, details: false, events: true });
  const unknown = listed.filter((item) => !entries.has(item.id));
  return { reads, unknown, budgetUsed: budgeted.length };
}

/** When the events of a followed callout are next due after a read of them. */
export function nextEventsAt(
  entry: Pick<FollowEntry, 'raisedHere' | 'replyUntil'>,
  now: number,
  timing: PlanTiming,
): number {
  if (entry.replyUntil > now) return now + timing.replyEveryMs;
  return now + (entry.raisedHere ? timing.eventsOwnMs : timing.eventsOtherMs);
}

const SETTLED: ReadonlySet<Stage> = new Set(['arrived', 'completed', 'cancelled']);
const DONE: ReadonlySet<Stage> = new Set(['completed', 'cancelled']);

/** Moving callouts set the fast pace; settled, unfollowed and departed ones do not. */
export function isMoving(entry: FollowEntry, now: number): boolean {
  if (asleep(entry)) return false;
  if (entry.replyUntil > now || entry.hurried) return true;
  return !SETTLED.has(entry.stage);
}

/** No longer followed, and not hurried: no events, no pace of its own. */
export function asleep(entry: FollowEntry): boolean {
  return entry.unfollowed && !entry.hurried;
}

/** Completed or cancelled: the stages that count towards "no longer followed". */
export function isDone(stage: Stage): boolean {
  return DONE.has(stage);
}
