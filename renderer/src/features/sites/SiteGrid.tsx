import { memo, useEffect } from 'react';
import { useDesk } from '../../store';
import type { Site } from '@shared/model/site';
import { SiteCard } from './SiteCard';

/** The desk's cards, one per shown site, in the chosen order. */
/** The last focus request served, so that a grid mounting later does not take the focus again. */
let servedFocusSeq = 0;

/** Brings the requested card (or its panic button) into view and focus: one effect for the grid, not one per card. */
function useCardFocus(): void {
  const request = useDesk((s) => s.focusRequest);
  useEffect(() => {
    if (!request || request.seq <= servedFocusSeq) return;
    // The first PANIC may be filtered out of view: then the first card shown takes its place.
    const card =
      document.getElementById(`site-${request.siteId}`) ??
      (request.target === 'panic' ? document.querySelector<HTMLElement>('.site-card') : null);
    if (!card) return;
    servedFocusSeq = request.seq;
    card.scrollIntoView({ block: 'center' });
    const target = request.target === 'panic' ? card.querySelector<HTMLElement>('.panic-button') : card;
    target?.focus({ preventScroll: true });
  }, [request]);
}

export const SiteGrid = memo(function SiteGrid({
  sites,
  compact = false,
}: {
  sites: readonly Site[];
  compact?: boolean;
}) {
  useCardFocus();
  return (
    <ul
      className={`site-grid${compact ? ' site-grid-compact' : ''}${sites.length === 1 ? ' site-grid-single' : ''}`}
      aria-label="Sites"
    >
      {sites.map((site) => (
        <li key={site.id}>
          <SiteCard site={site} compact={compact} />
        </li>
      ))}
    </ul>
  );
});
