import type { DeskState } from '@shared/model/desk-state';
import { useDesk } from '../../store';
import { holdSeconds } from '../panic/hold';
import { TrainingPanel } from '../training/TrainingPanel';
import { SiteGrid } from './SiteGrid';
import { useShownSites } from './useShownSites';

/** The desk: a card with a big panic button for every shown site. The default view. */
export function DeskView({ desk }: { desk: DeskState }) {
  const setView = useDesk((s) => s.setView);
  // The filter box itself sits in the header (DeskFilter); a filter never hides a site that needs attention.
  const { shown, query } = useShownSites(desk);
  const { deskLayout, compactFrom } = desk.settings;
  const compact = deskLayout === 'compact' || (deskLayout === 'auto' && desk.sites.length >= compactFrom);

  return (
    <>
      {desk.training && <TrainingPanel training={desk.training} />}
      {shown.length > 0 && (
        <p className="hold-legend">
          {desk.settings.holdMs > 0
            ? `Hold a PANIC button for ${holdSeconds(desk.settings.holdMs)} s to raise a panic; let go early and nothing is sent.`
            : 'Press a PANIC button to raise a panic.'}
        </p>
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
        <SiteGrid sites={shown} compact={compact} />
      )}
    </>
  );
}
