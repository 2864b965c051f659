import type { DeskState, Site } from '../../../../electron/shared/model';
import { CalloutPanel } from '../callouts/CalloutPanel';
import { PanicButton } from '../panic/PanicButton';
import { PressStatus } from '../panic/PressStatus';
import { useDesk } from '../../store';

/** One site: its name, its big panic button, and whatever is happening there right now. */
export function SiteCard({ site, desk }: { site: Site; desk: DeskState }) {
  const trigger = useDesk((s) => s.trigger);
  const presses = desk.presses.filter((p) => p.siteId === site.id);
  const unsent = presses.filter((p) => p.status !== 'sent');
  const callouts = desk.callouts.filter((c) => c.siteId === site.id);
  const latest = callouts[callouts.length - 1];
  const headingId = `site-${site.id}-name`;
  return (
    <article className="site-card" aria-labelledby={headingId}>
      <h2 id={headingId} className="site-name">
        {site.name}
      </h2>
      {site.address && <p className="site-address">{site.address}</p>}
      <PanicButton siteName={site.name} holdMs={desk.settings.holdMs} onConfirm={() => void trigger(site.id)} />
      {unsent.map((press) => (
        <PressStatus key={press.id} press={press} phone={desk.settings.controlRoomPhone} />
      ))}
      {latest && <CalloutPanel callout={latest} siteName={site.name} training={desk.environment === 'training'} />}
    </article>
  );
}
