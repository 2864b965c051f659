import type { Site } from '@shared/model/site';
import { stageHeadline } from '@shared/stages';
import type { SiteActivity } from '../../siteActivity';

/**
 * A card's polite live region, present from the first render (a region that appears with its news
 * is often not read): the press being sent and each stage of its callout. Trouble (NOT CONFIRMED,
 * NOT SENT) is said once by the desk's one assertive announcer (ui/Announcer.tsx), not here.
 */
export function CardAnnouncer({ site, activity }: { site: Site; activity: SiteActivity }) {
  const sending = activity.unsent.some((p) => p.phase === 'sending');
  const latest = activity.latest;
  const polite = sending
    ? `Panic for ${site.name}: sending to AURA.`
    : latest
      ? `Callout for ${site.name}: ${stageHeadline(latest.stage, latest.responder)}.`
      : '';
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {polite}
    </p>
  );
}
