import { useDeferredValue, useMemo } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import type { Site } from '@shared/model/site';
import type { SiteActivity } from '../../siteActivity';
import { useDesk } from '../../store';
import { filterSites } from './filter';

/** Above this many sites the desk offers a filter box. */
export const FILTER_FROM = 7;

function needsAttention(a: SiteActivity | undefined): boolean {
  return !!a && (a.unsent.length > 0 || (a.latest !== null && a.latest.stage !== 'closed'));
}

/** The sites the desk shows under the current filter; a filter never hides a site that needs attention. */
export function useShownSites(desk: DeskState): { shown: Site[]; many: boolean; query: string } {
  const activity = useDesk((s) => s.activity);
  const query = useDesk((s) => s.siteQuery);
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => {
    const matches = new Set(filterSites(desk.sites, deferred));
    return desk.sites.filter((site) => matches.has(site) || needsAttention(activity[site.id]));
  }, [desk.sites, deferred, activity]);
  return { shown, many: desk.sites.length >= FILTER_FROM, query };
}
