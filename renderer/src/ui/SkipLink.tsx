import type { DeskState } from '@shared/model/desk-state';
import { useDesk } from '../store';

/** The first Tab stop of every view: straight to the first PANIC (as Alt+P does). */
export function SkipLink({ desk }: { desk: DeskState }) {
  const focusSite = useDesk((s) => s.focusSite);
  const first = desk.sites[0];
  if (!first) return null;
  return (
    <a
      href={`#site-${first.id}`}
      className="skip-link"
      aria-keyshortcuts="Alt+P"
      onClick={(e) => {
        e.preventDefault();
        focusSite(first.id, 'panic');
      }}
    >
      Skip to the first panic button (Alt+P)
    </a>
  );
}
