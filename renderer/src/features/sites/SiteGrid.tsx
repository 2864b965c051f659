import { memo } from 'react';
import type { Site } from '../../../../electron/shared/model';
import { SiteCard } from './SiteCard';

/** The desk's cards, one per shown site, in the chosen order. */
export const SiteGrid = memo(function SiteGrid({
  sites,
  compact = false,
}: {
  sites: readonly Site[];
  compact?: boolean;
}) {
  return (
    <ul className={`site-grid${compact ? ' site-grid-compact' : ''}`} aria-label="Sites">
      {sites.map((site) => (
        <li key={site.id}>
          <SiteCard site={site} />
        </li>
      ))}
    </ul>
  );
});
