// What a monitor shows of a callout that a desk cancelled with a duress code (issue 21's duress
// cancel, issue 24 item 2). The desk that took the duress code posted a DURESS event and cancelled
// nothing: AURA still has the callout open. A monitor reads that event from AURA; unless the
// policy says `monitorRevealsDuress: true` (a control room out of sight of the desks), it shows the
// callout exactly as a genuinely cancelled one: stage Cancelled, no AURA status, the DURESS event
// left out, then Closed once AURA closes it. The view is kept as the desk keeps its own
// (`calloutViews-<env>`), so that the store file and the audit log say no more than the screen.
import type { Callout, TimelineEntry } from '../../shared/model/callout';
import type { DeskState } from '../../shared/model/desk-state';
import type { Policy } from '../policy/policy';
import { STAGE_WORDS } from '../../shared/stages';

/** The event duress.ts `duressMessage` writes: "DURESS — cancel requested under duress at …". */
const DURESS_EVENT = /^DURESS\s*[—-]/;

export function isDuressEvent(entry: Pick<TimelineEntry, 'kind' | 'text'>): boolean {
  return entry.kind === 'event' && DURESS_EVENT.test(entry.text);
}

export function hasDuressEvent(callout: Callout): boolean {
  return callout.timeline.some(isDuressEvent);
}

const HELP_SENT: ReadonlySet<Callout['stage']> = new Set(['dispatched', 'arrived', 'completed']);

/** AURA's time of an entry when it gave one, else when the desk saw it. */
function timeOf(entry: TimelineEntry): { aura: number | null; seen: number } {
  const aura = entry.auraAt === null ? NaN : Date.parse(entry.auraAt);
  return { aura: Number.isNaN(aura) ? null : aura, seen: entry.at };
}

/** At or after the DURESS event: what a genuine cancel would have stopped, so the view leaves it out. */
function fromDuressOn(entry: TimelineEntry, duress: TimelineEntry): boolean {
  const a = timeOf(entry);
  const d = timeOf(duress);
  return a.aura !== null && d.aura !== null ? a.aura >= d.aura : a.seen >= d.seen;
}

/**
 * The callout as a genuinely cancelled one shows: "Cancelled" when the DURESS event was posted,
 * with the DURESS event and everything AURA did from then on (a responder dispatched, read in the
 * same poll as the event) left out, and no responder unless one was on the way before.
 */
export function cancelledView(callout: Callout, at: number): Callout {
  const duress = callout.timeline.find(isDuressEvent);
  const timeline = duress
    ? callout.timeline.filter((entry) => !isDuressEvent(entry) && !fromDuressOn(entry, duress))
    : callout.timeline;
  const helpSent = timeline.some(
    (entry) => entry.kind === 'stage' && entry.stage !== null && HELP_SENT.has(entry.stage),
  );
  return {
    ...callout,
    stage: 'cancelled',
    rawStatus: '',
    responder: helpSent ? callout.responder : null,
    timeline: [
      ...timeline,
      { at: duress?.at ?? at, kind: 'stage', stage: 'cancelled', text: STAGE_WORDS.cancelled, auraAt: null },
    ],
  };
}

/**
 * A monitor's state: no hotkey and no site keys (main then registers none) and no hotkey site (the tray raises
 * nothing); unless it reveals duress, a cancelled callout carries no AURA status, as the duress
 * view carries none (Details is never shown on a cancelled callout, but the state is).
 */
export function monitorState(state: DeskState, policy: Pick<Policy, 'monitorRevealsDuress'>): DeskState {
  const reveal = policy.monitorRevealsDuress === true;
  const callouts = state.callouts.map((c) =>
    !reveal && c.stage === 'cancelled' && c.rawStatus ? { ...c, rawStatus: '' } : c,
  );
  return {
    ...state,
    callouts,
    settings: { ...state.settings, hotkey: '', siteHotkeys: {} },
    hotkey: { ...state.hotkey, siteId: null },
  };
}
