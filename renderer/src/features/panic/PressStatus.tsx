import type { Press } from '../../../../electron/shared/model';
import { formatAgo } from '../../ui/time';
import { useNow } from '../../ui/useNow';

/** Where an unsent press stands. NOT SENT is solid red, in words, with the fallback phone number. */
export function PressStatus({ press, phone }: { press: Press; phone: string }) {
  const now = useNow(1000);
  if (press.status === 'queued' || press.status === 'sending') {
    return (
      <p className="press-status press-sending" role="status">
        Sending panic to AURA… (attempt {Math.max(1, press.attempts)})
      </p>
    );
  }
  const title = press.status === 'failed' ? 'NOT SENT — AURA refused this panic' : 'NOT SENT — still trying';
  return (
    <div className="press-status press-not-sent" role="alert">
      <p className="press-not-sent-title">{title}</p>
      <p>
        Attempt {press.attempts}, for {formatAgo(now - press.pressedAt)}. {press.lastError}
      </p>
      <p className="press-phone">{phone ? `Phone the control room now: ${phone}` : 'Phone the control room now.'}</p>
    </div>
  );
}
