// What the operator needs to know or decide about a press beyond "sent" / "not sent": a stale
// press (not confirmed sent within the limit) asks "Still needed?" and waits for the operator's
// choice; a press AURA took as an event on a followed callout, or that may have made AURA hold
// two callouts, says so in plain words while that callout is on the card (once it has folded
// away, its words would sit beside newer news, e.g. a new NOT SENT, and say two things at once).
import type { Press } from '@shared/model/press';
import type { SiteActivity } from '../../siteActivity';
import { useDesk } from '../../store';
import { formatClock } from '../../ui/time';
import { PressChoices } from './PressChoices';

function StaleChoice({ press }: { press: Press }) {
  return (
    <div className="press-status press-not-sent press-stale" role="group" aria-label="Still needed?">
      <p className="press-title">
        Still needed? — panic pressed {formatClock(press.pressedAt)} was not confirmed sent in time
      </p>
      <PressChoices press={press} elsewhere={null} />
    </div>
  );
}

export function PressFollowUp({ activity, calloutShown }: { activity: SiteActivity; calloutShown: boolean }) {
  // A press of another connection has its choices in its own NOT SENT box (PressStatus).
  const elsewhere = useDesk((s) => s.desk?.pressesElsewhere);
  const stale = activity.unsent.filter((p) => p.stale && !elsewhere?.some((e) => e.pressId === p.id));
  const calloutId = calloutShown ? (activity.latest?.id ?? null) : null;
  const closed = activity.latest?.stage === 'closed';
  // The newest press on the site's callout that AURA took as an event, or that may have left two
  // callouts: its words (a string, so that the card re-renders only when they change). "Two
  // callouts" is an instruction for the phone call, and goes once its callout is closed.
  const tell = useDesk((s) => {
    if (calloutId === null) return null;
    let newest: Press | null = null;
    for (const p of s.desk?.presses ?? []) {
      if (p.calloutId !== calloutId || p.status !== 'sent' || !(p.via === 'event' || p.mayHoldTwo)) continue;
      if (!newest || p.pressedAt > newest.pressedAt) newest = p;
    }
    const found = newest as Press | null;
    if (found?.mayHoldTwo) {
      return closed ? null : `If you phoned the control room, tell them callout ${calloutId} is the same incident.`;
    }
    return found?.outcome ?? null;
  });
  return (
    <>
      {stale.map((press) => (
        <StaleChoice key={press.id} press={press} />
      ))}
      {tell && <p className="press-outcome">{tell}</p>}
    </>
  );
}
