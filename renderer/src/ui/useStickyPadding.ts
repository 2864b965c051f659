// Whatever of the header still sticks is kept out of the way of focus: the page's scroll padding
// follows its height, so a PANIC button the keyboard reaches after scrolling is never underneath
// it (WCAG 2.4.11). On short or narrow windows the CSS lets the header scroll away but one line.
import { useEffect, useRef } from 'react';

/**
 * `mounted`: the header is on the page (the desk has loaded). The measuring runs when the header
 * mounts, resizes or the window does, never on every render: it forces a layout of the whole
 * page, which on a 500-site desk cost each state update a frame (bench ui: event to DOM 25 ms).
 */
export function useStickyPadding(mounted: boolean): React.RefObject<HTMLElement | null> {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const header = ref.current;
    if (!header) return;
    const root = document.documentElement;
    const update = (): void => {
      // The part that sticks: the whole header, or only its readiness line on a small window.
      const sticky = [header, header.querySelector('.readiness')].find(
        (el): el is HTMLElement => el instanceof HTMLElement && getComputedStyle(el).position === 'sticky',
      );
      const height = sticky ? sticky.getBoundingClientRect().height : 0;
      root.style.scrollPaddingTop = `${Math.ceil(height) + 8}px`;
    };
    const observer = new ResizeObserver(update);
    observer.observe(header);
    window.addEventListener('resize', update);
    update();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, [mounted]);
  return ref;
}
