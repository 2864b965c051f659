import { useEffect, useMemo } from 'react';
import type { Callout } from '@shared/model/callout';
import type { DeskState } from '@shared/model/desk-state';
import { STAGE_WORDS } from '@shared/stages';
import { formatAgo } from '../../ui/time';
import { useCommand } from '../../ui/useCommand';
import { ViewHeading } from '../../ui/ViewHeading';
import { Timeline } from '../callouts/Timeline';

const DAY = 24 * 60 * 60 * 1000;

function formatDay(at: number): string {
  return new Date(at).toLocaleString('en-GB', {
    weekday: 'short',
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * The history: asked for when the view opens and again whenever a callout closes or leaves the
 * state's recent work (issue 25 item 8: state updates no longer carry it). The state's own closed
 * callouts are merged in, so a callout that just closed shows before the answer comes.
 */
function useHistory(desk: DeskState): { history: readonly Callout[]; error: string | null } {
  const list = useCommand('history.list', {
    failure: (message) => `The history could not be read: ${message}`,
    keepWhileBusy: true,
  });
  const load = list.run;
  const closedNow = desk.callouts.filter((c) => c.stage === 'closed');
  const key = `${desk.historyCount}:${closedNow.map((c) => c.id).join(',')}`;
  useEffect(() => void load({}), [load, key]);
  const fetched = list.result?.callouts;
  const history = useMemo(() => {
    const byId = new Map((fetched ?? []).map((c) => [c.id, c]));
    for (const c of desk.callouts) if (c.stage === 'closed') byId.set(c.id, c);
    return [...byId.values()];
  }, [fetched, desk.callouts]);
  return { history, error: list.error };
}

/** Closed callouts of the last 30 days, newest first, each with its full timeline. */
export function HistoryView({ desk }: { desk: DeskState }) {
  const names = useMemo(() => new Map(desk.allSites.map((s) => [s.id, s.name])), [desk.allSites]);
  const { history, error } = useHistory(desk);
  const closed = useMemo(() => {
    const since = Date.now() - 30 * DAY;
    return history
      .filter((c) => c.stage === 'closed')
      .map((c): Callout & { closedAt: number } => ({ ...c, closedAt: c.closedAt ?? c.pressedAt }))
      .filter((c) => c.closedAt >= since)
      .sort((a, b) => b.closedAt - a.closedAt);
  }, [history]);

  return (
    <>
      <ViewHeading>History</ViewHeading>
      <p className="view-intro">Closed callouts of the last 30 days, newest first.</p>
      {error && <p className="error">{error}</p>}
      {closed.length === 0 ? (
        <p className="empty">No callout has closed in the last 30 days.</p>
      ) : (
        <ul className="history-list" aria-label="Closed callouts">
          {closed.map((c) => {
            const site = names.get(c.siteId) ?? c.siteId;
            const cancelled = c.timeline.some((e) => e.stage === 'cancelled');
            return (
              <li key={c.id}>
                <details className="history-item">
                  <summary>
                    <span className="history-site">{site}</span>{' '}
                    <span className="history-when">
                      pressed {formatDay(c.pressedAt)} · {cancelled ? 'cancelled, then ' : ''}
                      {STAGE_WORDS.closed.toLowerCase()} after {formatAgo(c.closedAt - c.pressedAt)}
                      {c.silent ? ' · silent' : ''} · callout {c.id}
                    </span>
                  </summary>
                  <section aria-label={`Callout ${c.id} for ${site}`}>
                    <Timeline entries={c.timeline} />
                  </section>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
