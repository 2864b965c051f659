import { memo, useCallback } from 'react';
import type { Site } from '@shared/model/site';
import { CalloutPanel } from '../callouts/CalloutPanel';
import type { PressHint } from '../panic/hold';
import { PanicButton } from '../panic/PanicButton';
import { PressFollowUp } from '../panic/PressFollowUp';
import { PressStatus } from '../panic/PressStatus';
import { siteActivity, type SiteActivity } from '../../siteActivity';
import { useDesk } from '../../store';
import { formatClock } from '../../ui/time';
import { useRecent } from '../../ui/useRecent';
import { CardAnnouncer } from './CardAnnouncer';

/** How long a closed callout stays open on its card before it folds into one line (and History). */
const CLOSED_STAYS_MS = 60 * 1000;

/** The hint under the PANIC button: the worst phase of the site's presses, or this button's own "sent". */
function cardHint(activity: SiteActivity, ownStatus: string | undefined): PressHint | null {
  const phases = new Set(activity.unsent.map((p) => p.phase));
  if (phases.has('notConfirmed')) return 'notConfirmed';
  if (phases.has('notSent') || phases.has('refused') || phases.has('stillNeeded')) return 'notSent';
  if (phases.has('sending')) return 'sending';
  return ownStatus === 'sent' ? 'sent' : null;
}

/**
 * One site: its name, its big panic button, and whatever is happening there right now. Each card
 * selects only its own slice of the state, so a change at one site redraws one card. While
 * something is happening the card takes two columns: what is happening (a press not yet sent,
 * the callout) beside the button.
 */
export const SiteCard = memo(function SiteCard({ site, compact = false }: { site: Site; compact?: boolean }) {
  const trigger = useDesk((s) => s.trigger);
  const setView = useDesk((s) => s.setView);
  const activity = useDesk((s) => siteActivity(s.activity, site.id));
  const holdMs = useDesk((s) => s.desk?.settings.holdMs ?? 1500);
  const phone = useDesk((s) => s.desk?.settings.controlRoomPhone ?? '');
  const training = useDesk((s) => (s.desk ? s.desk.training !== null : false));
  // The status of this card's own last press (set by trigger), for "Sent to AURA" under the button.
  const ownStatus = useDesk((s) => {
    const id = s.ownPress[site.id];
    return id ? s.desk?.presses.find((p) => p.id === id)?.status : undefined;
  });
  const onConfirm = useCallback(() => void trigger(site.id), [trigger, site.id]);
  const latest = activity.latest;
  const closed = latest?.stage === 'closed';
  const recentlyClosed = useRecent(closed ? (latest.closedAt ?? latest.pressedAt) : null, CLOSED_STAYS_MS);
  // A press still on its way is newer news than a closed callout: the old one folds away.
  const newerPress = activity.unsent.some((p) => latest !== null && p.pressedAt > latest.pressedAt);
  // On a compact desk a closed callout folds at once: room goes to the buttons and what is live.
  const showCallout = latest !== null && (!closed || (recentlyClosed && !newerPress && !compact));
  const busy = showCallout || activity.unsent.length > 0;
  // One truth per card: the hint under the button and the card's border follow the press's phase.
  const hint = cardHint(activity, ownStatus);
  const trouble = hint === 'notConfirmed' || hint === 'notSent';
  const stageClass = trouble ? ' site-card-not-sent' : latest && !closed ? ` site-card-${latest.stage}` : '';
  const headingId = `site-${site.id}-name`;
  return (
    <article
      id={`site-${site.id}`}
      tabIndex={-1}
      className={`site-card${busy ? ' site-card-busy' : ''}${stageClass}`}
      aria-labelledby={headingId}
    >
      <CardAnnouncer site={site} activity={activity} />
      <div className="site-card-main">
        <h2 id={headingId} className="site-name">
          {site.name}
        </h2>
        {site.address && <p className="site-address">{site.address}</p>}
        <PanicButton siteName={site.name} holdMs={holdMs} onConfirm={onConfirm} pressHint={hint} />
        {latest && closed && !showCallout && (
          <p className="last-callout">
            Last callout closed at {formatClock(latest.closedAt ?? latest.pressedAt)} ·{' '}
            <button type="button" className="link-button" onClick={() => setView('history')}>
              History
            </button>
          </p>
        )}
      </div>
      {busy && (
        <div className="site-card-activity">
          {activity.unsent.map((press) => (
            <PressStatus key={press.id} press={press} phone={phone} />
          ))}
          <PressFollowUp activity={activity} calloutShown={showCallout} />
          {latest && showCallout && (
            <CalloutPanel callout={latest} siteName={site.name} press={activity.latestPress} training={training} />
          )}
        </div>
      )}
    </article>
  );
});
