import { useDeferredValue, useMemo, useState } from 'react';
import type { DeskState } from '../../../../electron/shared/model';
import { useDesk, type SiteActivity } from '../../store';
import { FilterBar } from '../../ui/FilterBar';
import { ViewHeading } from '../../ui/ViewHeading';
import { TrainingPanel } from '../training/TrainingPanel';
import { filterSites } from './filter';
import { SiteGrid } from './SiteGrid';

/** Above this many sites the desk offers a filter box. */
const FILTER_FROM = 7;

function needsAttention(a: SiteActivity | undefined): boolean {
  return !!a && (a.unsent.length > 0 || (a.latest !== null && a.latest.stage !== 'closed'));
}

/** The desk: a card with a big panic button for every shown site. The default view. */
export function DeskView({ desk }: { desk: DeskState }) {
  const setView = useDesk((s) => s.setView);
  const activity = useDesk((s) => s.activity);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  // A filter never hides a site that needs attention: a callout underway or a press not yet sent.
  const shown = useMemo(() => {
    const matches = new Set(filterSites(desk.sites, deferred));
    return desk.sites.filter((site) => matches.has(site) || needsAttention(activity[site.id]));
  }, [desk.sites, deferred, activity]);
  const many = desk.sites.length >= FILTER_FROM;

  return (
    <>
      <ViewHeading hidden>Desk</ViewHeading>
      {desk.training && <TrainingPanel training={desk.training} />}
      {many && (
        <FilterBar
          label="Filter sites"
          query={query}
          onQuery={setQuery}
          count={
            shown.length === desk.sites.length
              ? `${desk.sites.length} sites`
              : `${shown.length} of ${desk.sites.length} sites`
          }
        />
      )}
      {desk.sites.length === 0 ? (
        <div className="empty">
          <p>No sites on this desk yet. Panic Desk shows a panic button for each AURA Fixed Location you choose.</p>
          <button type="button" className="button" onClick={() => setView('sites')}>
            Go to Sites
          </button>
        </div>
      ) : shown.length === 0 ? (
        <p className="empty">No site matches “{query}”.</p>
      ) : (
        <SiteGrid sites={shown} />
      )}
    </>
  );
}
