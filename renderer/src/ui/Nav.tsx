import { useEffect } from 'react';
import type { AttentionCounts } from '../features/attention/attention';
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

/** "1 NOT CONFIRMED · 2 active": the Desk tab counts what needs attention, trouble first. */
export function deskBadge(c: AttentionCounts): string {
  const parts = [
    c.notConfirmed > 0 ? `${c.notConfirmed} NOT CONFIRMED` : null,
    c.notSent > 0 ? `${c.notSent} NOT SENT` : null,
    c.sending > 0 ? `${c.sending} sending` : null,
    c.active > 0 ? `${c.active} active` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

export function Nav({ counts }: { counts: AttentionCounts }) {
  const view = useDesk((s) => s.view);
  const setView = useDesk((s) => s.setView);
  const badge = deskBadge(counts);

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
              {v === 'desk' && badge && (
                <span className={`nav-badge${counts.notConfirmed + counts.notSent > 0 ? ' nav-badge-not-sent' : ''}`}>
                  {' · '}
                  {badge}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
