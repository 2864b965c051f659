import type { DeskState } from '@shared/model/desk-state';
import { isLocked, LockedNote } from '../../ui/Locked';

/** The sites this desk shows, in their order on the desk, with controls to reorder them. */
export function ShownOrder({ desk, onChoose }: { desk: DeskState; onChoose(ids: string[] | null): void }) {
  const ids = desk.sites.map((s) => s.id);
  // The end buttons stay focusable (aria-disabled, not disabled) so that focus never falls away
  // from a button that has just moved its site to the top or the bottom.
  const move = (index: number, by: -1 | 1): void => {
    if (index + by < 0 || index + by >= ids.length) return;
    const next = [...ids];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChoose(next);
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
            <li key={site.id}>
              <span className="order-name">{site.name}</span>
              {!locked && (
                <>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Move ${site.name} up`}
                    aria-disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    Up
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Move ${site.name} down`}
                    aria-disabled={i === ids.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    Down
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
