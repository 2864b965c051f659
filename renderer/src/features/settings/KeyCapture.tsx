// The listening button of the hotkey recorder and of "Test your button": it takes the focus and
// catches every keydown but plain Tab, which still moves on, so the keyboard is never trapped.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { isTabAway } from './accelerator';

export function KeyCapture({
  hintId,
  onKey,
  onBlur,
  children,
}: {
  /** The element that says what to press (read by screen readers with the button). */
  hintId: string;
  onKey(event: KeyboardEvent<HTMLButtonElement>): void;
  onBlur?(): void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <button
      ref={ref}
      type="button"
      className="button hotkey-capture"
      aria-describedby={hintId}
      onBlur={onBlur}
      onKeyDown={(e) => {
        if (!isTabAway(e)) onKey(e);
      }}
    >
      {children}
    </button>
  );
}
