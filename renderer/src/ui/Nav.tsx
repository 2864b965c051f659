import { useEffect } from 'react';
import { useDesk, VIEWS, type View } from '../store';

const LABELS: Record<View, string> = {
  desk: 'Desk',
  history: 'History',
  sites: 'Sites',
  settings: 'Settings',
  audit: 'Audit log',
  setup: 'Setup',
};

/** Alt+1 … Alt+6: the desk (and its panic buttons) is always one keystroke away. */
function shortcut(view: View): string {
  return `Alt+${VIEWS.indexOf(view) + 1}`;
}

/**
 * Alt+1 … Alt+6 from the moment the page loads (App calls this before the desk's first state
 * arrives), so a keystroke made while "Starting Panic Desk…" still shows is not lost.
 */
export function useViewShortcuts(): void {
  const setView = useDesk((s) => s.setView);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      // By physical key, so that the shortcut works whatever the keyboard layout.
      const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
      const target = digit ? VIEWS[Number(digit) - 1] : undefined;
      if (!target) return;
      e.preventDefault();
      setView(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView]);
}

/** "2 NOT SENT · 1 active": the Desk tab counts what needs attention, unsent presses first. */
function deskBadge(unsent: number, active: number): string {
  const parts = [unsent > 0 ? `${unsent} NOT SENT` : null, active > 0 ? `${active} active` : null];
  return parts.filter(Boolean).join(' · ');
}

export function Nav({ activeCallouts, unsentPresses = 0 }: { activeCallouts: number; unsentPresses?: number }) {
  const view = useDesk((s) => s.view);
  const setView = useDesk((s) => s.setView);

  return (
    <nav className="nav" aria-label="Views">
      <ul>
        {VIEWS.map((v) => (
          <li key={v}>
            <button
              type="button"
              className="nav-button"
              aria-current={v === view ? 'page' : undefined}
              aria-keyshortcuts={shortcut(v)}
              title={shortcut(v)}
              onClick={() => setView(v)}
            >
              {LABELS[v]}
              {v === 'desk' && (activeCallouts > 0 || unsentPresses > 0) && (
                <span className={`nav-badge${unsentPresses > 0 ? ' nav-badge-not-sent' : ''}`}>
                  {' · '}
                  {deskBadge(unsentPresses, activeCallouts)}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
