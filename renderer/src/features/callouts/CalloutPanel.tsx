import { memo, useEffect, useRef, useState, type RefObject } from 'react';
import type { Callout } from '@shared/model/callout';
import type { Press } from '@shared/model/press';
import { stageHeadline } from '@shared/stages';
import { formatAgo, formatClock } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { SentLine } from '../panic/PressStatus';
import { TrainingControls } from '../training/TrainingControls';
import { CancelDialog } from './CancelDialog';
import { MessageForm } from './MessageForm';
import { Timeline } from './Timeline';

interface Props {
  callout: Callout;
  siteName: string;
  press: Press | null;
  training: boolean;
  /** What the operator may do to it; a monitor only what its policy allows (issue 24). Default: both. */
  actions?: { cancel: boolean; message: boolean };
}

const ALL_ACTIONS = { cancel: true, message: true };

/**
 * After a cancel the "Cancel callout" button goes away: the focus comes back to this callout, not
 * to the page. Returns the section's ref and what to call once AURA accepted the cancel.
 */
function useRefocusAfterCancel(stage: Callout['stage']): [RefObject<HTMLElement | null>, () => void] {
  const sectionRef = useRef<HTMLElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!refocus) return;
    const section = sectionRef.current;
    const lost = !document.activeElement || document.activeElement === document.body;
    const inside = section?.contains(document.activeElement) ?? false;
    if (lost || inside || stage === 'cancelled') section?.focus();
    if (stage === 'cancelled' || stage === 'closed') setRefocus(false);
  }, [refocus, stage]);
  return [sectionRef, () => setRefocus(true)];
}

function Responder({ responder }: { responder: NonNullable<Callout['responder']> }) {
  return (
    <div className="responder">
      <p>
        Responder: {responder.name ?? 'assigned'}
        {responder.supplier && ` (${responder.supplier})`}
      </p>
      {responder.phone && <p>Phone: {responder.phone}</p>}
    </div>
  );
}

/**
 * A callout on its site's card: the stage in words that say whether help is coming, coloured by
 * meaning; the time since the press, the responder, the dispatch of the press, the live timeline;
 * AURA's own status and the callout's id behind Details (never on a cancelled callout, whose words
 * are the desk's own); and what the operator can do about it (message the control room, cancel).
 */
export const CalloutPanel = memo(function CalloutPanel({
  callout,
  siteName,
  press,
  training,
  actions = ALL_ACTIONS,
}: Props) {
  const [cancelling, setCancelling] = useState(false);
  const [sectionRef, refocus] = useRefocusAfterCancel(callout.stage);
  const closed = callout.stage === 'closed';
  const canCancel = !closed && callout.stage !== 'cancelled';
  return (
    <section
      ref={sectionRef}
      tabIndex={-1}
      className={`callout callout-${callout.stage}`}
      aria-label={`Callout for ${siteName}`}
    >
      <div className="callout-head">
        <p className="callout-stage" data-stage={callout.stage}>
          {stageHeadline(callout.stage, callout.responder)}
        </p>
        {callout.silent && <p className="silent-tag">Silent (hotkey)</p>}
        {callout.raisedElsewhere && <p className="silent-tag">Callout raised elsewhere</p>}
      </div>
      {callout.unfollowedAt != null && !closed && (
        <p className="unfollowed-note">This callout is no longer followed — close it in AURA</p>
      )}
      <CalloutFacts callout={callout} />
      {callout.responder && <Responder responder={callout.responder} />}
      {press && <SentLine press={press} />}
      <Timeline entries={callout.timeline} />
      {canCancel && actions.message && <MessageForm calloutId={callout.id} />}
      {callout.stage !== 'cancelled' && <CalloutDetails callout={callout} />}
      {canCancel && actions.cancel && (
        <div className="actions">
          <button type="button" className="button button-quiet-danger" onClick={() => setCancelling(true)}>
            Cancel callout
          </button>
        </div>
      )}
      {cancelling && (
        <CancelDialog
          calloutId={callout.id}
          siteName={siteName}
          onClose={(cancelled) => {
            setCancelling(false);
            if (cancelled) refocus();
          }}
        />
      )}
      {training && !closed && <TrainingControls callout={callout} />}
    </section>
  );
});

/** The ticking part, kept small so that only it redraws every second. */
function CalloutFacts({ callout }: { callout: Callout }) {
  const now = useNow(1000);
  const end = callout.closedAt;
  return (
    <dl className="callout-facts">
      <div>
        <dt>{callout.raisedElsewhere ? 'Raised' : 'Pressed'}</dt>
        <dd>
          {formatClock(callout.pressedAt)}
          {end === null ? `, ${formatAgo(now - callout.pressedAt)} ago` : ''}
        </dd>
      </div>
      {end !== null && (
        <div>
          <dt>Closed</dt>
          <dd>
            {formatClock(end)}, after {formatAgo(end - callout.pressedAt)}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** AURA's own words for the callout, for whoever needs them (the control room on the phone). */
function CalloutDetails({ callout }: { callout: Callout }) {
  return (
    <details className="callout-details">
      <summary>Details</summary>
      <dl className="callout-facts">
        <div>
          <dt>AURA status</dt>
          <dd>“{callout.rawStatus || '—'}”</dd>
        </div>
        <div>
          <dt>Callout</dt>
          <dd>{callout.id}</dd>
        </div>
      </dl>
    </details>
  );
}
