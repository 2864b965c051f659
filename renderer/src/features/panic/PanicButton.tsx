import { memo, useEffect, useId, useRef, useState } from 'react';

/** Where this site's press stands, from the desk's state: the hint follows it, never a guess. */
export type PressHint = 'sending' | 'sent' | 'notSent';

interface Props {
  siteName: string;
  holdMs: number;
  onConfirm(): void;
  pressHint?: PressHint | null;
}

/** How long "Not sent — keep holding" stays after an early release or a tap. */
const EARLY_HINT_MS = 5000;
/** How long "Sent to AURA" stays under the button after a press of this button reached AURA. */
const SENT_HINT_MS = 15_000;

const isHoldKey = (key: string): boolean => key === ' ' || key === 'Enter';

/**
 * The ring is a conic fill around a wide button; a plain angle would race along the short sides.
 * This turns "fraction of the edge walked clockwise from the top centre" into the angle that
 * reaches that point, so the band grows at an even pace all the way round.
 */
export function ringAngle(progress: number, width: number, height: number): number {
  if (progress <= 0 || width <= 0 || height <= 0) return 0;
  if (progress >= 1) return 360;
  const w = width;
  const h = height;
  // The edge, clockwise from the top centre: each side's length and the point at t along it.
  const sides: ReadonlyArray<[number, (t: number) => [number, number]]> = [
    [w / 2, (t) => [w / 2 + t, 0]],
    [h, (t) => [w, t]],
    [w, (t) => [w - t, h]],
    [h, (t) => [0, h - t]],
    [w / 2, (t) => [t, 0]],
  ];
  let left = progress * 2 * (w + h);
  let point: [number, number] = [w / 2, 0];
  for (const [length, at] of sides) {
    point = at(Math.min(left, length));
    if (left <= length) break;
    left -= length;
  }
  const [x, y] = point;
  const degrees = (Math.atan2(x - w / 2, h / 2 - y) * 180) / Math.PI;
  return degrees < 0 ? degrees + 360 : degrees;
}

/**
 * Hold to confirm: a ring fills over `holdMs`; releasing early cancels and sends nothing.
 * Pointer, Space and Enter all work the same way. Never disabled: a press is always accepted,
 * whatever the network does (the desk queues it).
 */
export const PanicButton = memo(function PanicButton({ siteName, holdMs, onConfirm, pressHint = null }: Props) {
  const [progress, setProgress] = useState(0);
  // After the hold completes and before the desk reports the press: "Sending…", never "raised".
  const [confirmed, setConfirmed] = useState(false);
  const [released, setReleased] = useState(false);
  const startedAt = useRef<number | null>(null);
  const size = useRef({ width: 0, height: 0 });
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

  const begin = (target: HTMLElement): void => {
    if (startedAt.current !== null) return;
    const box = target.getBoundingClientRect();
    size.current = { width: box.width, height: box.height };
    startedAt.current = performance.now();
    setConfirmed(false);
    setReleased(false);
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
    // A release before the ring is full (a click, a tap of Space/Enter) sends nothing: say so.
    if (startedAt.current !== null) setReleased(true);
    stopAnimation();
    startedAt.current = null;
    setProgress(0);
  };

  useEffect(() => stopAnimation, []);
  useEffect(() => {
    if (!confirmed) return;
    const id = setTimeout(() => setConfirmed(false), SENT_HINT_MS);
    return () => clearTimeout(id);
  }, [confirmed]);
  useEffect(() => {
    if (!released) return;
    const id = setTimeout(() => setReleased(false), EARLY_HINT_MS);
    return () => clearTimeout(id);
  }, [released]);

  const holdSeconds = (holdMs / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 });
  const idleHint = holdMs <= 0 ? 'Press to raise' : `Hold ${holdSeconds} s`;
  const hint =
    progress > 0
      ? 'Keep holding…'
      : pressHint === 'notSent'
        ? null
        : pressHint === 'sending' || (confirmed && pressHint === null)
          ? 'Sending…'
          : pressHint === 'sent' && confirmed
            ? 'Sent to AURA'
            : released
              ? `Not sent — keep holding ${holdSeconds} s`
              : idleHint;
  // The hint sits under the button, not in it: the button's name stays exactly "Panic: <site>"
  // and still contains its visible word (WCAG 2.5.3); the hint is the button's description.
  return (
    <div className="panic">
      <button
        type="button"
        className={`panic-button${progress > 0 ? ' holding' : ''}`}
        aria-label={`Panic: ${siteName}`}
        aria-describedby={hintId}
        style={{ ['--hold-deg' as string]: String(ringAngle(progress, size.current.width, size.current.height)) }}
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
        <span className="panic-word">PANIC</span>
      </button>
      <p
        className={`panic-hint${pressHint ? ` panic-hint-${pressHint}` : released && progress === 0 ? ' panic-hint-early' : ''}`}
        id={hintId}
      >
        {hint ?? (
          // The NOT SENT details sit beside the button on a wide card, under it on a narrow one.
          <>
            NOT SENT — see <span className="hint-wide">right</span>
            <span className="hint-narrow">below</span>
          </>
        )}
      </p>
    </div>
  );
});
