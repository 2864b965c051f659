import type { Press, PressView } from '@shared/model/press';
import { phoneNow } from '@shared/press-phase';
import { useDesk } from '../../store';
import { formatAgo, formatClock } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { elsewhereWords, PressChoices, useElsewhere } from './PressChoices';

/** "Phone the control room now: +27 …" as the box's own line (the NOT SENT boxes). */
function PhoneLine({ phone }: { phone: string }) {
  const words = phoneNow(phone);
  return <p className="press-phone">{words.charAt(0).toUpperCase() + words.slice(1)}</p>;
}

const attemptsWords = (n: number): string => `${n} ${n === 1 ? 'attempt' : 'attempts'}`;

/** The headline of a press in trouble; NOT CONFIRMED carries the number in the headline itself. */
function title(press: PressView, phone: string): string {
  switch (press.phase) {
    case 'notConfirmed':
      return `NOT CONFIRMED — ${phoneNow(phone)}`;
    case 'refused':
      return 'NOT SENT — AURA refused this panic';
    case 'stillNeeded':
      return 'NOT SENT — stopped retrying, your choice is needed';
    default:
      return 'NOT SENT — still trying';
  }
}

/**
 * Where a press that has not reached AURA stands, in its one phase (shared/press-phase.ts). NOT
 * CONFIRMED and NOT SENT are solid red, in words, with the number to phone; the attempts and the
 * last error come after. Nothing here is a live region: the desk's one announcer speaks for it.
 */
export function PressStatus({ press, phone }: { press: PressView; phone: string }) {
  const now = useNow(1000);
  const act = useDesk((s) => s.act);
  const elsewhere = useElsewhere(press.id);
  const when = `Pressed ${formatClock(press.pressedAt)}, ${formatAgo(now - press.pressedAt)} ago`;
  const source = press.source === 'hotkey' ? ' (silent hotkey)' : '';
  if (elsewhere) {
    // Made for another AURA connection: this desk never sends it; the operator chooses.
    return (
      <div className="press-status press-not-sent press-elsewhere">
        <p className="press-title">NOT SENT — made for {elsewhereWords(elsewhere)}, not this desk&apos;s AURA</p>
        <p>
          {when}
          {source}
        </p>
        <PhoneLine phone={phone} />
        <PressChoices press={press} elsewhere={elsewhere} />
      </div>
    );
  }
  if (press.phase === 'sent') return null;
  if (press.phase === 'sending') {
    return (
      <div className="press-status press-sending">
        <p className="press-title">Sending panic to AURA…</p>
        <p>
          {when}
          {source}
        </p>
      </div>
    );
  }
  const unconfirmed = press.phase === 'notConfirmed';
  return (
    <div className={`press-status press-not-sent${unconfirmed ? ' press-not-confirmed' : ''}`}>
      <p className="press-title">{title(press, phone)}</p>
      <p>
        {when}
        {source} · {unconfirmed ? 'AURA has not confirmed it; Panic Desk keeps trying · ' : ''}
        {attemptsWords(press.attempts)}
      </p>
      {press.lastError && <p>Last error: {press.lastError}</p>}
      {!unconfirmed && <PhoneLine phone={phone} />}
      {press.phase === 'refused' && (
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
  return (
    <p className="callout-sent">
      Sent to AURA · pressed {formatClock(press.pressedAt)}
      {press.source === 'hotkey' ? ' with the silent hotkey' : ''} · {attemptsWords(press.attempts)}
    </p>
  );
}
