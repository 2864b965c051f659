import { memo, useCallback } from 'react';
import type { Site } from '../../../../electron/shared/model';
import { CalloutPanel } from '../callouts/CalloutPanel';
import { PanicButton } from '../panic/PanicButton';
import { PressStatus } from '../panic/PressStatus';
import { siteActivity, useDesk } from '../../store';

/**
 * One site: its name, its big panic button, and whatever is happening there right now. Each card
 * selects only its own slice of the state, so a change at one site redraws one card.
 */
export const SiteCard = memo(function SiteCard({ site }: { site: Site }) {
  const trigger = useDesk((s) => s.trigger);
  const activity = useDesk((s) => siteActivity(s.activity, site.id));
  const holdMs = useDesk((s) => s.desk?.settings.holdMs ?? 1500);
  const phone = useDesk((s) => s.desk?.settings.controlRoomPhone ?? '');
  const training = useDesk((s) => (s.desk ? s.desk.training !== null : false));
  const onConfirm = useCallback(() => void trigger(site.id), [trigger, site.id]);
  const latest = activity.latest;
  const headingId = `site-${site.id}-name`;
  const live = latest && latest.stage !== 'closed' ? ` site-card-${latest.stage}` : '';
  return (
    <article className={`site-card${live}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="site-name">
        {site.name}
      </h2>
      {site.address && <p className="site-address">{site.address}</p>}
      <PanicButton siteName={site.name} holdMs={holdMs} onConfirm={onConfirm} />
      {activity.unsent.map((press) => (
        <PressStatus key={press.id} press={press} phone={phone} />
      ))}
      {latest && (
        <CalloutPanel callout={latest} siteName={site.name} press={activity.latestPress} training={training} />
      )}
    </article>
  );
});
