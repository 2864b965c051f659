import type { DeskState } from '@shared/model/desk-state';
import { useDesk } from '../../store';
import { FilterBar } from '../../ui/FilterBar';
import { useShownSites } from './useShownSites';

/** The desk's "Filter sites" box, in the header beside the views: it costs the grid no height. */
export function DeskFilter({ desk }: { desk: DeskState }) {
  const setQuery = useDesk((s) => s.setSiteQuery);
  const { shown, many, query } = useShownSites(desk);
  if (!many) return null;
  return (
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
  );
}
