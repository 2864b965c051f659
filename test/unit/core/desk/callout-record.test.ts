// Issue 25 item 8: the callout record keeps live callouts apart from the 30-day history, so that a
// change to one live callout leaves the history (and all that is derived from it) untouched; and
// the state's recent work, derived in two parts, is what the whole list would give.
import { describe, expect, it } from 'vitest';
import type { Callout } from '../../../../electron/shared/model/callout';
import { CalloutRecord } from '../../../../electron/core/desk/callout-record';
import { digestHistory, recentFrom } from '../../../../electron/core/desk/recent-work';
import { rng } from '../../../support/rng';

const NOW = Date.UTC(2026, 11, 6, 5, 0, 0);

function callout(id: string, siteId: string, pressedAt: number, closedAt: number | null): Callout {
  return {
    id,
    siteId,
    stage: closedAt === null ? 'dispatched' : 'closed',
    rawStatus: closedAt === null ? 'Responder Dispatched' : 'Closed',
    pressedAt,
    silent: false,
    responder: null,
    closedAt,
    raisedElsewhere: false,
    unfollowedAt: null,
    timeline: [],
  };
}

describe('the callout record', () => {
  it('changes to live callouts leave the history as it was (the same array)', () => {
    const history = Array.from({ length: 1000 }, (_, i) => callout(`h${i}`, 's1', NOW - (i + 2) * 60_000, NOW - i));
    const record = new CalloutRecord([...history, callout('live', 's1', NOW, null)]);
    const before = record.history;
    record.put({ ...callout('live', 's1', NOW, null), stage: 'arrived' });
    record.put(callout('new', 's2', NOW, null));
    expect(record.history).toBe(before);
    expect(record.live.map((c) => c.id)).toEqual(['live', 'new']);
    expect(record.get('live')?.stage).toBe('arrived');
    expect(record.has('h999')).toBe(true);
  });

  it('moves a callout that closes to the end of the history, and finds it by id', () => {
    const record = new CalloutRecord([
      callout('old', 's1', NOW - 7200_000, NOW - 3600_000),
      callout('a', 's1', NOW, null),
    ]);
    const live = record.live;
    record.put(callout('a', 's1', NOW, NOW + 1));
    expect(record.live).toEqual([]);
    expect(record.live).not.toBe(live);
    expect(record.history.map((c) => c.id)).toEqual(['old', 'a']);
    expect(record.get('a')?.stage).toBe('closed');
    expect(record.all().map((c) => c.id)).toEqual(['old', 'a']);
  });

  it('prunes what the rule refuses, from both parts and the index', () => {
    const record = new CalloutRecord([
      callout('old', 's1', 0, 1),
      callout('kept', 's1', NOW - 1, NOW),
      callout('a', 's2', NOW, null),
    ]);
    expect(record.prune((c) => c.closedAt === null || c.closedAt >= 1000)).toBe(1);
    expect(record.has('old')).toBe(false);
    expect(record.all().map((c) => c.id)).toEqual(['kept', 'a']);
    expect(record.prune(() => true)).toBe(0);
  });
});

/**
 * The rule written plainly over the whole list (as it was before the record had two parts): every
 * callout not closed, each site's newest, and the last hour's closed (at most 20).
 */
function plainRule(callouts: readonly Callout[], now: number): { shown: string[]; left: number } {
  const closedAt = (c: Callout) => c.closedAt ?? c.pressedAt;
  const newest = new Map<string, Callout>();
  for (const c of callouts)
    if (!newest.has(c.siteId) || c.pressedAt >= (newest.get(c.siteId)?.pressedAt ?? 0)) newest.set(c.siteId, c);
  const closed = callouts.filter((c) => c.stage === 'closed');
  const recent = closed
    .filter((c) => now - closedAt(c) <= 3600_000)
    .sort((a, b) => closedAt(b) - closedAt(a))
    .slice(0, 20);
  const keep = new Set([...newest.values(), ...recent]);
  const shown = callouts.filter((c) => c.stage !== 'closed' || keep.has(c));
  return { shown: shown.map((c) => c.id), left: closed.length - shown.filter((c) => c.stage === 'closed').length };
}

describe('recent work in two parts', () => {
  it('shows what the plain rule over the whole list shows, over random histories and live callouts', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = rng(seed);
      const site = () => `s${Math.floor(random() * 4)}`;
      const at = () => NOW - Math.floor(random() * 6) * 1800_000; // ties on purpose
      const history = Array.from({ length: Math.floor(random() * 60) }, (_, i) => {
        const pressedAt = at();
        return callout(`h${i}`, site(), pressedAt, pressedAt + Math.floor(random() * 3) * 600_000);
      });
      const live = Array.from({ length: Math.floor(random() * 4) }, (_, i) => callout(`l${i}`, site(), at(), null));
      const whole = plainRule([...history, ...live], NOW);
      const parts = recentFrom(digestHistory(history, NOW), live);
      expect(
        parts.shown.map((c) => c.id),
        `seed ${seed}`,
      ).toEqual(whole.shown);
      expect(parts.left, `seed ${seed}`).toBe(whole.left);
    }
  });
});
