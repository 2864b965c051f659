import { useEffect, useRef, useState } from 'react';

interface Props {
  siteName: string;
  holdMs: number;
  onConfirm(): void;
}

/**
 * Hold to confirm: a ring fills over `holdMs`; releasing early cancels and sends nothing.
 * Pointer, Space and Enter all work the same way. Never disabled: a press is always accepted.
 */
export function PanicButton({ siteName, holdMs, onConfirm }: Props) {
  const [progress, setProgress] = useState(0);
  const [confirmed, setConfirmed] = useState(false);
  const startedAt = useRef<number | null>(null);
  const frame = useRef<number | null>(null);

  const stopAnimation = (): void => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
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

  const finish = (): void => {
    stopAnimation();
    startedAt.current = null;
    setProgress(0);
    setConfirmed(true);
    onConfirm();
  };

  const cancel = (): void => {
    stopAnimation();
    startedAt.current = null;
    setProgress(0);
  };

  useEffect(() => stopAnimation, []);
  useEffect(() => {
    if (!confirmed) return;
    const id = setTimeout(() => setConfirmed(false), 2500);
    return () => clearTimeout(id);
  }, [confirmed]);

  const holdSeconds = (holdMs / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return (
    <button
      type="button"
      className="panic-button"
      aria-label={`Panic: ${siteName}`}
      style={{ ['--hold' as string]: String(progress) }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        begin();
      }}
      onPointerUp={cancel}
      onPointerCancel={cancel}
      onKeyDown={(e) => {
        if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
          e.preventDefault();
          begin();
        } else if (e.key === ' ' || e.key === 'Enter') e.preventDefault();
      }}
      onKeyUp={(e) => {
        if (e.key === ' ' || e.key === 'Enter') cancel();
      }}
      onBlur={cancel}
    >
      <span className="panic-ring" aria-hidden="true" />
      <span className="panic-word">PANIC</span>
      <span className="panic-hint">
        {confirmed ? 'Panic raised — see below' : progress > 0 ? 'Keep holding…' : `Hold ${holdSeconds} s`}
      </span>
    </button>
  );
}
