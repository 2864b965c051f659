// The duress cancel (issue 15, off unless the policy sets `cancelCodes`; the codes themselves:
// cancel-codes.ts). A duress code — given by an operator forced to stand the response down —
// does not cancel: the desk tells the control room on the callout's event stream. On the desk it
// is indistinguishable from a genuine cancel (issue 21 finding 5): both show this view, the
// callout cancelled in the desk's own words, with no AURA status (the desk could not produce the
// same one for both), until AURA closes the callout.
import type { Callout } from '../../shared/model/callout';
import { STAGE_WORDS } from '../../shared/stages';

/** What the control room reads on the callout. */
export function duressMessage(at: number, deskName: string): string {
  const time = new Date(at)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return `DURESS — cancel requested under duress at ${time}, ${deskName}`;
}

/** The callout as a normal cancel would show it: the desk's note, then "Cancelled". */
export function duressViewOf(callout: Callout, note: string, at: number): Callout {
  return {
    ...callout,
    stage: 'cancelled',
    rawStatus: '',
    timeline: [
      ...callout.timeline,
      { at, kind: 'event', stage: null, text: note, auraAt: null },
      { at, kind: 'stage', stage: 'cancelled', text: STAGE_WORDS.cancelled, auraAt: null },
    ],
  };
}

/** The masked view once AURA closes the real callout, as a cancelled one closes. */
export function closedDuressView(duressView: Callout, at: number): Callout {
  if (duressView.stage === 'closed') return duressView;
  return {
    ...duressView,
    stage: 'closed',
    rawStatus: '',
    closedAt: at,
    timeline: [...duressView.timeline, { at, kind: 'stage', stage: 'closed', text: STAGE_WORDS.closed, auraAt: null }],
  };
}
