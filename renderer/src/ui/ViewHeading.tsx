import { useEffect, useRef, type ReactNode } from 'react';

/** Whether a view has been shown before: the first one opens without moving the focus. */
let aViewWasShown = false;

/**
 * The heading of a view. When the operator switches views it takes the focus, so that a screen
 * reader announces where they are and Tab continues from the top of the new view.
 */
export function ViewHeading({ children, hidden = false }: { children: ReactNode; hidden?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (aViewWasShown) ref.current?.focus({ preventScroll: false });
    aViewWasShown = true;
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={hidden ? 'visually-hidden' : 'view-title'}>
      {children}
    </h1>
  );
}
