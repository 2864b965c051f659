import type { Site } from '@shared/model/site';
import { STAGE_WORDS } from '@shared/stages';
import type { SiteActivity } from '../../siteActivity';

/**
 * A card's two live regions, present from the first render (a region that appears with its news
 * is often not read). Polite: the press being sent and each stage of its callout. Assertive: NOT
 * SENT, with the number to phone. Visually hidden: the card shows the same in its own words.
 */
export function CardAnnouncer({ site, activity, phone }: { site: Site; activity: SiteActivity; phone: string }) {
  const sending = activity.unsent.some((p) => p.status === 'queued' || p.status === 'sending');
  const notSent = activity.unsent.some((p) => p.status === 'notSent' || p.status === 'failed');
  const latest = activity.latest;
  const polite = sending
    ? `Panic for ${site.name}: sending to AURA.`
    : latest && latest.stage !== 'closed'
      ? `Callout for ${site.name}: ${STAGE_WORDS[latest.stage]}.`
      : latest
        ? `Callout for ${site.name}: Closed.`
        : '';
  const assertive = notSent
    ? `NOT SENT: the panic for ${site.name} has not reached AURA. Phone the control room${phone ? ` on ${phone}` : ''}.`
    : '';
  return (
    <>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {polite}
      </p>
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {assertive}
      </p>
    </>
  );
}
