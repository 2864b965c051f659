import type { Notice } from '@shared/model/desk-state';
import { useDesk } from '../store';
import { formatClock } from './time';

const LEVEL_WORDS: Record<Notice['level'], string> = { info: 'Note', warning: 'Warning', error: 'Problem' };

/** Things the operator must be told once; each stays until dismissed. */
export function Notices({ notices }: { notices: readonly Notice[] }) {
  const act = useDesk((s) => s.act);
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label="Notices">
      <ul>
        {notices.map((notice) => (
          <li key={notice.id} className={`notice notice-${notice.level}`}>
            <span className="notice-level">{LEVEL_WORDS[notice.level]}</span>
            <span className="notice-text">
              {notice.text} <time dateTime={new Date(notice.at).toISOString()}>({formatClock(notice.at)})</time>
            </span>
            <button
              type="button"
              className="button"
              aria-label={`Dismiss: ${notice.text}`}
              onClick={() => void act('notice.dismiss', { id: notice.id })}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
