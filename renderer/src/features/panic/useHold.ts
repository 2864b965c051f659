// Hold to confirm, as a hook: a ring fills over `holdMs` from `begin`; `cancel` (a release before
// the ring is full) sends nothing and says so for a while; a full ring calls `onConfirm` once.
import { useEffect, useRef, useState } from 'react';
import type { HoldState } from './hold';

/** How long "Not sent — keep holding" stays after an early release or a tap. */
const EARLY_HINT_MS = 5000;
/** How long "Sent to AURA" stays under the button after a press of this button reached AURA. */
const SENT_HINT_MS = 15_000;

/** A flag that drops back to false `ms` after it was set. */
function useFading(ms: number): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (!on) return;
    const id = setTimeout(() => setOn(false), ms);
    return () => clearTimeout(id);
  }, [on, ms]);
  return [on, setOn];
}

export interface Hold extends HoldState {
  /** The button's size when the hold began, for the ring's angle. */
  size: { width: number; height: number };
  begin(target: HTMLElement): void;
  cancel(): void;
}

export function useHold(holdMs: number, onConfirm: () => void): Hold {
  const [progress, setProgress] = useState(0);
  // After the hold completes and before the desk reports the press: "Sending…", never "raised".
  const [confirmed, setConfirmed] = useFading(SENT_HINT_MS);
  const [released, setReleased] = useFading(EARLY_HINT_MS);
  const startedAt = useRef<number | null>(null);
  const size = useRef({ width: 0, height: 0 });
  const frame = useRef<number | null>(null);
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
  return { progress, confirmed, released, size: size.current, begin, cancel };
}
