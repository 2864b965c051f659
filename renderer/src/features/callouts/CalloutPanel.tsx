import type { Callout } from '../../../../electron/shared/model';
import { STAGE_WORDS } from '../../../../electron/shared/stages';
import { formatAgo, formatClock } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { TrainingControls } from '../training/TrainingControls';

/** A callout on its site's card: the stage in words and colour, time since the press, the timeline. */
export function CalloutPanel({
  callout,
  siteName,
  training,
}: {
  callout: Callout;
  siteName: string;
  training: boolean;
}) {
  const now = useNow(1000);
  return (
    <section className={`callout callout-${callout.stage}`} aria-label={`Callout for ${siteName}`}>
      <div className="callout-head">
        <p className="callout-stage" aria-live="polite">
          {STAGE_WORDS[callout.stage]}
        </p>
        <p className="callout-meta">
          {callout.silent && <span className="silent-tag">Silent · </span>}
          Pressed {formatAgo(now - callout.pressedAt)} ago · AURA status “{callout.rawStatus}” · callout {callout.id}
        </p>
      </div>
      <ol className="timeline" aria-label="Timeline">
        {callout.timeline.map((entry, i) => (
          <li key={i} className={`timeline-entry timeline-${entry.stage ?? entry.kind}`}>
            <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at)}</time>
            <span>{entry.text}</span>
          </li>
        ))}
      </ol>
      {training && callout.stage !== 'closed' && <TrainingControls callout={callout} />}
    </section>
  );
}
