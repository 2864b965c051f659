import { useDeferredValue, useMemo, useState } from 'react';
import type { Site } from '@shared/model/site';
import type { DeskState } from '@shared/model/desk-state';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';
import { isLocked } from '../../ui/Locked';
import { formatAgo, formatClock } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { usePending } from '../../ui/usePending';
import { FilterBar } from '../../ui/FilterBar';
import { ViewHeading } from '../../ui/ViewHeading';
import { DeleteSiteDialog } from './DeleteSiteDialog';
import { filterSites } from './filter';
import { ShownOrder } from './ShownOrder';
import { SiteFormDialog } from './SiteFormDialog';

type Editing = { kind: 'create' } | { kind: 'edit'; site: Site } | { kind: 'delete'; site: Site } | null;

function coordinates(site: Site): string {
  return site.latitude === null || site.longitude === null ? '—' : `${site.latitude}, ${site.longitude}`;
}

/** AURA's Fixed Locations: sync, register, edit, delete, and which of them this desk shows. */
export function SitesView({ desk }: { desk: DeskState }) {
  const call = useDesk((s) => s.call);
  const now = useNow(5000);
  const [editing, setEditing] = useState<Editing>(null);
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<string | null>(null);
  const [chooseError, setChooseError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  // The administrator's policy manages the sites: shown, not changed here (core refuses it too).
  const sitesLocked = isLocked(desk, 'sites');
  const listed = useMemo(() => filterSites(desk.allSites, deferred), [desk.allSites, deferred]);
  // A tick shows at once; the desk's next state confirms it (or the error undoes it).
  const [shownIds, chooseShown, dropShown] = usePending(desk.settings.shownSiteIds);
  const isShown = (id: string): boolean => shownIds === null || shownIds.includes(id);

  const sync = async (): Promise<void> => {
    setSyncing(true);
    const result = await call('sites.sync', {});
    setSyncing(false);
    setSyncError(result.ok ? null : `Sync failed: ${result.error.message}`);
  };

  const choose = async (next: string[] | null): Promise<void> => {
    chooseShown(next);
    const result = await call('sites.choose', { shownSiteIds: next });
    if (!result.ok) dropShown();
    setChooseError(result.ok ? null : `The desk's sites were not changed: ${result.error.message}`);
  };

  const toggle = (id: string, show: boolean): void => {
    const base = shownIds ?? desk.allSites.map((s) => s.id);
    void choose(show ? [...base.filter((x) => x !== id), id] : base.filter((x) => x !== id));
  };

  const synced = desk.lastSyncAt;
  return (
    <>
      <ViewHeading>Sites</ViewHeading>
      <section className="panel" aria-labelledby="aura-sites-title">
        <h2 id="aura-sites-title">Fixed Locations in AURA</h2>
        <div className="toolbar">
          <p className="toolbar-text">
            {desk.allSites.length} {desk.allSites.length === 1 ? 'location' : 'locations'} ·{' '}
            {synced === null ? (
              'never synced'
            ) : (
              <>
                last synced <time dateTime={new Date(synced).toISOString()}>{formatClock(synced)}</time> (
                {formatAgo(now - synced)} ago)
              </>
            )}
          </p>
          <button type="button" className="button" aria-busy={syncing} onClick={() => void sync()}>
            {syncing ? 'Syncing…' : 'Sync with AURA'}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={sitesLocked}
            onClick={() => setEditing({ kind: 'create' })}
          >
            Register a site
          </button>
        </div>
        <ErrorText message={syncError} />
        <ErrorText message={chooseError} />
        <FilterBar
          label="Filter locations"
          query={query}
          onQuery={setQuery}
          count={
            listed.length === desk.allSites.length
              ? `${listed.length} shown`
              : `${listed.length} of ${desk.allSites.length} shown`
          }
        />
        <div className="table-wrap">
          <table className="sites-table">
            <caption className="visually-hidden">Fixed Locations</caption>
            <thead>
              <tr>
                <th scope="col">On this desk</th>
                <th scope="col">Name</th>
                <th scope="col">Reference</th>
                <th scope="col">Address</th>
                <th scope="col">Coordinates</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {listed.map((site) => (
                <tr key={site.id}>
                  <td>
                    <input
                      type="checkbox"
                      className="big-check"
                      aria-label={`Show ${site.name} on this desk`}
                      checked={isShown(site.id)}
                      disabled={sitesLocked}
                      onChange={(e) => toggle(site.id, e.target.checked)}
                    />
                  </td>
                  <th scope="row">{site.name}</th>
                  <td className="nowrap">{site.id}</td>
                  <td>{site.address ?? '—'}</td>
                  <td>{coordinates(site)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button"
                      aria-label={`Edit ${site.name}`}
                      disabled={sitesLocked}
                      onClick={() => setEditing({ kind: 'edit', site })}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-quiet-danger"
                      aria-label={`Delete ${site.name}`}
                      disabled={sitesLocked}
                      onClick={() => setEditing({ kind: 'delete', site })}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <ShownOrder desk={desk} onChoose={(ids) => void choose(ids)} />
      {editing?.kind === 'create' && <SiteFormDialog site={null} onClose={() => setEditing(null)} />}
      {editing?.kind === 'edit' && <SiteFormDialog site={editing.site} onClose={() => setEditing(null)} />}
      {editing?.kind === 'delete' && <DeleteSiteDialog site={editing.site} onClose={() => setEditing(null)} />}
    </>
  );
}
