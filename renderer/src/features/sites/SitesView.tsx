import { useDeferredValue, useMemo, useState } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import type { Site } from '@shared/model/site';
import { ErrorText } from '../../ui/ErrorText';
import { isLocked } from '../../ui/Locked';
import { formatAgo, formatClock } from '../../ui/time';
import { useCommand } from '../../ui/useCommand';
import { useNow } from '../../ui/useNow';
import { usePending } from '../../ui/usePending';
import { FilterBar } from '../../ui/FilterBar';
import { ViewHeading } from '../../ui/ViewHeading';
import { DeleteSiteDialog } from './DeleteSiteDialog';
import { filterSites } from './filter';
import { toggledShown } from './shownIds';
import { ShownOrder } from './ShownOrder';
import { SiteFormDialog } from './SiteFormDialog';

type Editing = { kind: 'create' } | { kind: 'edit'; site: Site } | { kind: 'delete'; site: Site } | null;

function coordinates(site: Site): string {
  return site.latitude === null || site.longitude === null ? '—' : `${site.latitude}, ${site.longitude}`;
}

/** "3 locations · last synced 10:02:03 (2 min ago)". */
function SyncLine({ count, synced }: { count: number; synced: number | null }) {
  const now = useNow(5000);
  return (
    <p className="toolbar-text">
      {count} {count === 1 ? 'location' : 'locations'} ·{' '}
      {synced === null ? (
        'never synced'
      ) : (
        <>
          last synced <time dateTime={new Date(synced).toISOString()}>{formatClock(synced)}</time> (
          {formatAgo(now - synced)} ago)
        </>
      )}
    </p>
  );
}

interface TableProps {
  sites: readonly Site[];
  isShown(id: string): boolean;
  locked: boolean;
  onToggle(id: string, show: boolean): void;
  onEdit(editing: Editing): void;
}

function SitesTable({ sites, isShown, locked, onToggle, onEdit }: TableProps) {
  return (
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
          {sites.map((site) => (
            <SiteRow
              key={site.id}
              site={site}
              shown={isShown(site.id)}
              locked={locked}
              onToggle={onToggle}
              onEdit={onEdit}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RowProps = Pick<TableProps, 'locked' | 'onToggle' | 'onEdit'> & { site: Site; shown: boolean };

function SiteRow({ site, shown, locked, onToggle, onEdit }: RowProps) {
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          className="big-check"
          aria-label={`Show ${site.name} on this desk`}
          checked={shown}
          disabled={locked}
          onChange={(e) => onToggle(site.id, e.target.checked)}
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
          disabled={locked}
          onClick={() => onEdit({ kind: 'edit', site })}
        >
          Edit
        </button>
        <button
          type="button"
          className="button button-quiet-danger"
          aria-label={`Delete ${site.name}`}
          disabled={locked}
          onClick={() => onEdit({ kind: 'delete', site })}
        >
          Delete
        </button>
      </td>
    </tr>
  );
}

/** The create, edit or delete dialog that is open, if any. */
function EditingDialog({ editing, onClose }: { editing: Editing; onClose(): void }) {
  if (editing?.kind === 'create') return <SiteFormDialog site={null} onClose={onClose} />;
  if (editing?.kind === 'edit') return <SiteFormDialog site={editing.site} onClose={onClose} />;
  if (editing?.kind === 'delete') return <DeleteSiteDialog site={editing.site} onClose={onClose} />;
  return null;
}

/** The count and last sync, "Sync with AURA" (and its failure), "Register a site". */
function SitesToolbar({ desk, locked, onRegister }: { desk: DeskState; locked: boolean; onRegister(): void }) {
  const sync = useCommand('sites.sync', { failure: (message) => `Sync failed: ${message}`, keepWhileBusy: true });
  return (
    <>
      <div className="toolbar">
        <SyncLine count={desk.allSites.length} synced={desk.lastSyncAt} />
        <button type="button" className="button" aria-busy={sync.busy} onClick={() => void sync.run({})}>
          {sync.busy ? 'Syncing…' : 'Sync with AURA'}
        </button>
        <button type="button" className="button button-primary" disabled={locked} onClick={onRegister}>
          Register a site
        </button>
      </div>
      <ErrorText message={sync.error} />
    </>
  );
}

/** AURA's Fixed Locations: sync, register, edit, delete, and which of them this desk shows. */
export function SitesView({ desk }: { desk: DeskState }) {
  const [editing, setEditing] = useState<Editing>(null);
  const choice = useCommand('sites.choose', {
    failure: (message) => `The desk's sites were not changed: ${message}`,
    keepWhileBusy: true,
  });
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  // The administrator's policy manages the sites: shown, not changed here (core refuses it too).
  const sitesLocked = isLocked(desk, 'sites');
  const listed = useMemo(() => filterSites(desk.allSites, deferred), [desk.allSites, deferred]);
  // A tick shows at once; the desk's next state confirms it (or the error undoes it).
  const [shownIds, chooseShown, dropShown] = usePending(desk.settings.shownSiteIds);
  const all = desk.allSites.length;

  const choose = async (next: string[] | null): Promise<void> => {
    chooseShown(next);
    const result = await choice.run({ shownSiteIds: next });
    if (!result.ok) dropShown();
  };
  const toggle = (id: string, show: boolean): void =>
    void choose(
      toggledShown(
        shownIds,
        desk.allSites.map((s) => s.id),
        id,
        show,
      ),
    );

  return (
    <>
      <ViewHeading>Sites</ViewHeading>
      <section className="panel" aria-labelledby="aura-sites-title">
        <h2 id="aura-sites-title">Fixed Locations in AURA</h2>
        <SitesToolbar desk={desk} locked={sitesLocked} onRegister={() => setEditing({ kind: 'create' })} />
        <ErrorText message={choice.error} />
        <FilterBar
          label="Filter locations"
          query={query}
          onQuery={setQuery}
          count={listed.length === all ? `${listed.length} shown` : `${listed.length} of ${all} shown`}
        />
        <SitesTable
          sites={listed}
          isShown={(id) => shownIds === null || shownIds.includes(id)}
          locked={sitesLocked}
          onToggle={toggle}
          onEdit={setEditing}
        />
      </section>
      <ShownOrder desk={desk} onChoose={(ids) => void choose(ids)} />
      <EditingDialog editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}
