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

export function Nav({ activeCallouts }: { activeCallouts: number }) {
  const view = useDesk((s) => s.view);
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
              {v === 'desk' && activeCallouts > 0 && <span className="nav-badge"> · {activeCallouts} active</span>}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
