import { memo, useEffect, useId, useRef, useState } from 'react';

interface Props {
  siteName: string;
  holdMs: number;
  onConfirm(): void;
}

const isHoldKey = (key: string): boolean => key === ' ' || key === 'Enter';

/**
 * Hold to confirm: a ring fills over `holdMs`; releasing early cancels and sends nothing.
 * Pointer, Space and Enter all work the same way. Never disabled: a press is always accepted,
 * whatever the network does (the desk queues it).
 */
export const PanicButton = memo(function PanicButton({ siteName, holdMs, onConfirm }: Props) {
  const [progress, setProgress] = useState(0);
  const [confirmed, setConfirmed] = useState(false);
  const startedAt = useRef<number | null>(null);
  const frame = useRef<number | null>(null);
  const hintId = useId();
  const confirmRef = useRef(onConfirm);
  confirmRef.current = onConfirm;

  const stopAnimation = (): void => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
  };

  const finish = (): void => {
    stopAnimation();
    startedAt.current = null;
    setProgress(0);
    setConfirmed(true);
    confirmRef.current();
  };

  const begin = (): void => {
    if (startedAt.current !== null) return;
    startedAt.current = performance.now();
    setConfirmed(false);
    if (holdMs <= 0) return finish();
    const step = (): void => {
      if (startedAt.current === null) return;
      const p = Math.min(1, (performance.now() - startedAt.current) / holdMs);
      setProgress(p);
      if (p >= 1) finish();
      else frame.current = requestAnimationFrame(step);
    };
    frame.current = requestAnimationFrame(step);
  };

  const cancel = (): void => {
    stopAnimation();
    startedAt.current = null;
    setProgress(0);
  };

  useEffect(() => stopAnimation, []);
  useEffect(() => {
    if (!confirmed) return;
    const id = setTimeout(() => setConfirmed(false), 4000);
    return () => clearTimeout(id);
  }, [confirmed]);

  const holdSeconds = (holdMs / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 });
  const idleHint = holdMs <= 0 ? 'Press to raise' : `Hold ${holdSeconds} s`;
  // The hint sits under the button, not in it: the button's name stays exactly "Panic: <site>"
  // and still contains its visible word (WCAG 2.5.3); the hint is the button's description.
  return (
    <div className="panic">
      <button
        type="button"
        className={`panic-button${progress > 0 ? ' holding' : ''}`}
        aria-label={`Panic: ${siteName}`}
        aria-describedby={hintId}
        style={{ ['--hold' as string]: String(progress) }}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          begin();
        }}
        onPointerUp={cancel}
        onPointerCancel={cancel}
        onContextMenu={(e) => e.preventDefault()}
        onKeyDown={(e) => {
          if (!isHoldKey(e.key)) return;
          // Stop the browser's own click on Space/Enter: only a full hold raises a panic.
          e.preventDefault();
          if (!e.repeat) begin();
        }}
        onKeyUp={(e) => {
          if (!isHoldKey(e.key)) return;
          e.preventDefault();
          cancel();
        }}
        onBlur={cancel}
      >
        <span className="panic-ring" aria-hidden="true" />
        <span className="panic-word">PANIC</span>
      </button>
      <p className={`panic-hint${confirmed ? ' panic-hint-raised' : ''}`} id={hintId}>
        {confirmed ? 'Panic raised — see below' : progress > 0 ? 'Keep holding…' : idleHint}
      </p>
    </div>
  );
});
