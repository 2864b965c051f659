// Whose callout AURA answered with (issue 20 item 1). AURA keeps one active callout per site and
// answers a raise on a site that has one with that callout. Taken for the press's own, the press
// would be "sent" while AURA never heard of it: if that callout was cancelled elsewhere, nobody
// comes. So a press counts as having raised (or, after an unanswered raise, adopted) a callout
// only when nothing says the callout was there before; otherwise the press is posted to it as a
// "Panic pressed again …" event.
//
// What says a callout was there before, without comparing the desk's clock with AURA's (a
// desk's wall clock can be off by hours; AURA's `createdAt` is AURA's): the desk follows it; AURA
// said so in its answer ("Active callout already exists…"); it is past `created` (a callout a raise
// just opened has not moved); or a list of AURA's active callouts that came back before the raise
// was sent (before the press was made, for the check after an unanswered raise) already held it.
// A callout opened elsewhere moments before, still at `created`, not yet listed to this desk, and
// answered without AURA's words, is taken as the press's own: the control room already answers a
// callout on that site, and the desk shows it.
import type { Stage } from '../../shared/stages';
import { stageFromStatus } from '../aura/status';
import type { CalloutSnapshot, RaisedCallout } from '../aura/port';

/** What the desk knows of a callout beyond AURA's answer. */
export interface KnownBefore {
  /** The desk follows it (it has it, or a sent press of this desk points at it). */
  followed: boolean;
  /** A list of AURA's active callouts that came back before the raise (or the press) held it. */
  listedBefore: boolean;
}

/** True when the callout a raise was answered with is the one this raise opened. */
export function raiseOpenedIt(callout: RaisedCallout, known: KnownBefore): boolean {
  if (known.followed || known.listedBefore || callout.alreadyActive === true) return false;
  return stageFromStatus(callout.status) === 'created';
}

/** Stages a callout opened by an unanswered raise may have reached by the time the desk checks. */
const STILL_ANSWERING: ReadonlySet<Stage> = new Set(['created', 'dispatched', 'arrived']);

/**
 * True when a site callout found after an unanswered raise may be the one that raise opened
 * (it may have moved since); a cancelled, completed or unreadable one is not adopted.
 */
export function mayBeOpenedByPress(callout: CalloutSnapshot, known: KnownBefore): boolean {
  if (known.followed || known.listedBefore) return false;
  return STILL_ANSWERING.has(stageFromStatus(callout.status));
}
