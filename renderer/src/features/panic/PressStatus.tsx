import type { Press } from '@shared/model/press';
import { useDesk } from '../../store';
import { formatAgo, formatClock } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { elsewhereWords, PressChoices, useElsewhere } from './PressChoices';

function PhoneLine({ phone }: { phone: string }) {
  return (
    <p className="press-phone">
      {phone ? `Phone the control room now: ${phone}` : 'Phone the control room now (set its number in Settings).'}
    </p>
  );
}

/**
 * Where a press that has not reached AURA stands. NOT SENT is solid red, in words, with the
 * attempt count, the last error and the control room's number. Only the headline is announced;
 * the ticking time is not, so a screen reader is not told it every second.
 */
export function PressStatus({ press, phone }: { press: Press; phone: string }) {
  const now = useNow(1000);
  const act = useDesk((s) => s.act);
  const elsewhere = useElsewhere(press.id);
  const when = `Pressed ${formatClock(press.pressedAt)}, ${formatAgo(now - press.pressedAt)} ago`;
  const source = press.source === 'hotkey' ? ' (silent hotkey)' : '';
  if (elsewhere) {
    // Made for another AURA connection: this desk never sends it; the operator chooses.
    return (
      <div className="press-status press-not-sent press-elsewhere">
        <p className="press-title" role="alert">
          NOT SENT — made for {elsewhereWords(elsewhere)}, not this desk&apos;s AURA
        </p>
        <p>
          {when}
          {source}
        </p>
        <PhoneLine phone={phone} />
        <PressChoices press={press} elsewhere={elsewhere} />
      </div>
    );
  }
  if (press.status === 'queued' || press.status === 'sending') {
    return (
      <div className="press-status press-sending">
        <p className="press-title" role="status">
          Sending panic to AURA…
        </p>
        <p>
          {when}
          {source} · attempt {Math.max(1, press.attempts)}
        </p>
      </div>
    );
  }
  if (press.status === 'sent') return null;
  const trying = press.stale ? 'NOT SENT — stopped retrying, your choice is needed' : 'NOT SENT — still trying';
  const title = press.status === 'failed' ? 'NOT SENT — AURA refused this panic' : trying;
  return (
    <div className="press-status press-not-sent">
      <p className="press-title" role="alert">
        {title}
      </p>
      <p>
        {when}
        {source} · {press.attempts} {press.attempts === 1 ? 'attempt' : 'attempts'}
      </p>
      {press.lastError && <p>Last error: {press.lastError}</p>}
      <PhoneLine phone={phone} />
      {press.status === 'failed' && (
        // A refused panic stays until the operator says the control room knows.
        <button
          type="button"
          className="press-dismiss"
          onClick={() => void act('press.dismiss', { pressId: press.id })}
        >
          I have phoned the control room — dismiss
        </button>
      )}
    </div>
  );
}

/** The dispatch state of the press that raised a callout, once AURA has it. */
export function SentLine({ press }: { press: Press }) {
  const attempts = press.attempts === 1 ? '1 attempt' : `${press.attempts} attempts`;
  return (
    <p className="callout-sent">
      Sent to AURA · pressed {formatClock(press.pressedAt)}
      {press.source === 'hotkey' ? ' with the silent hotkey' : ''} · {attempts}
    </p>
  );
}
