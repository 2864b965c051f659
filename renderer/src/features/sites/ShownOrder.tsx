import type { DeskState } from '@shared/model/desk-state';
import type { Site } from '@shared/model/site';
import { isLocked, LockedNote } from '../../ui/Locked';
import { movedOrder } from './shownIds';

interface ItemProps {
  site: Site;
  first: boolean;
  last: boolean;
  locked: boolean;
  onMove(by: -1 | 1): void;
}

/**
 * One site in the order, with its Up and Down buttons. The end buttons stay focusable
 * (aria-disabled, not disabled) so that focus never falls away from a button that has just moved
 * its site to the top or the bottom.
 */
function OrderItem({ site, first, last, locked, onMove }: ItemProps) {
  return (
    <li>
      <span className="order-name">{site.name}</span>
      {!locked && (
        <>
          <button
            type="button"
            className="button"
            aria-label={`Move ${site.name} up`}
            aria-disabled={first}
            onClick={() => onMove(-1)}
          >
            Up
          </button>
          <button
            type="button"
            className="button"
            aria-label={`Move ${site.name} down`}
            aria-disabled={last}
            onClick={() => onMove(1)}
          >
            Down
          </button>
        </>
      )}
    </li>
  );
}

/** The sites this desk shows, in their order on the desk, with controls to reorder them. */
export function ShownOrder({ desk, onChoose }: { desk: DeskState; onChoose(ids: string[] | null): void }) {
  const ids = desk.sites.map((s) => s.id);
  const move = (index: number, by: -1 | 1): void => {
    const next = movedOrder(ids, index, by);
    if (next) onChoose(next);
  };
  const everything = desk.settings.shownSiteIds === null;
  const locked = isLocked(desk, 'sites');
  return (
    <section className="panel" aria-labelledby="shown-order-title">
      <h2 id="shown-order-title">On this desk, in this order</h2>
      <div className="toolbar">
        <p className="toolbar-text">
          {everything
            ? 'Every Fixed Location, in AURA’s order.'
            : `${ids.length} of ${desk.allSites.length} locations, in the order chosen here.`}
        </p>
        {!everything && !locked && (
          <button type="button" className="button" onClick={() => onChoose(null)}>
            Show every location in AURA’s order
          </button>
        )}
      </div>
      <LockedNote locked={locked} />
      {ids.length === 0 ? (
        <p className="empty">This desk shows no site. Tick “On this desk” above to add one.</p>
      ) : (
        <ol className="order-list" aria-label="Order on this desk">
          {desk.sites.map((site, i) => (
            <OrderItem
              key={site.id}
              site={site}
              first={i === 0}
              last={i === ids.length - 1}
              locked={locked}
              onMove={(by) => move(i, by)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
