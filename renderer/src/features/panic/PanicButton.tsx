import { memo, useId } from 'react';
import { hintIsIdle, panicHint, panicHintClass, ringAngle, type PressHint } from './hold';
import { useHold } from './useHold';

interface Props {
  siteName: string;
  holdMs: number;
  onConfirm(): void;
  pressHint?: PressHint | null;
}

const isHoldKey = (key: string): boolean => key === ' ' || key === 'Enter';

/**
 * Hold to confirm: a ring fills over `holdMs`; releasing early cancels and sends nothing.
 * Pointer, Space and Enter all work the same way. Never disabled: a press is always accepted,
 * whatever the network does (the desk queues it).
 */
export const PanicButton = memo(function PanicButton({ siteName, holdMs, onConfirm, pressHint = null }: Props) {
  const hold = useHold(holdMs, onConfirm);
  const { begin, cancel } = hold;
  const hintId = useId();
  const hint = panicHint(hold, pressHint, holdMs, siteName);
  // The site's name is inside the button (a wrong button is seen before it is held), but its name
  // stays exactly "Panic: <site>" and still holds its visible words (WCAG 2.5.3). The hint sits
  // under it as its description; idle, the hint is heard, not seen (the desk has one legend).
  const idle = hintIsIdle(hold, pressHint);
  return (
    <div className="panic">
      <button
        type="button"
        className={`panic-button${hold.progress > 0 ? ' holding' : ''}`}
        aria-label={`Panic: ${siteName}`}
        aria-describedby={hintId}
        style={{ ['--hold-deg' as string]: String(ringAngle(hold.progress, hold.size.width, hold.size.height)) }}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          begin(e.currentTarget);
        }}
        onPointerUp={cancel}
        onPointerCancel={cancel}
        onContextMenu={(e) => e.preventDefault()}
        onKeyDown={(e) => {
          if (!isHoldKey(e.key)) return;
          // Stop the browser's own click on Space/Enter: only a full hold raises a panic.
          e.preventDefault();
          if (!e.repeat) begin(e.currentTarget);
        }}
        onKeyUp={(e) => {
          if (!isHoldKey(e.key)) return;
          e.preventDefault();
          cancel();
        }}
        onBlur={cancel}
      >
        <span className="panic-ring" aria-hidden="true" />
        <span className="panic-word">PANIC</span> <span className="panic-site">{siteName}</span>
      </button>
      <p className={`${panicHintClass(hold, pressHint)}${idle ? ' visually-hidden' : ''}`} id={hintId}>
        {hint ?? (
          // The details sit beside the button on a wide card, under it on a narrow one.
          <>
            {pressHint === 'notConfirmed' ? 'NOT CONFIRMED' : 'NOT SENT'} — see <span className="hint-wide">right</span>
            <span className="hint-narrow">below</span>
          </>
        )}
      </p>
    </div>
  );
});
