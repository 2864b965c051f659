import { memo } from 'react';
import type { TimelineEntry } from '@shared/model/callout';
import { formatClock } from '../../ui/time';

/** Each stage change and each event with the time this desk saw it, oldest first, newest last. */
export const Timeline = memo(function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  return (
    <ol className="timeline" aria-label="Timeline">
      {entries.map((entry, i) => (
        <li key={i} className={`timeline-entry timeline-${entry.stage ?? entry.kind}`}>
          <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at)}</time>
          <span>
            {entry.fromDesk && <strong className="timeline-from-desk">This desk: </strong>}
            {entry.text}
          </span>
        </li>
      ))}
    </ol>
  );
});
