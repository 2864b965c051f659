// Issue 25 item 8: state updates carry recent work, not the 30-day history; finished presses
// leave the file every press writes; the Training simulator's event list is bounded.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Callout } from '../../../../electron/shared/model/callout';
import { NEW_PRESS_STATE, type Press } from '../../../../electron/shared/model/press';
import { closedCallouts, recentCallouts, recentPresses } from '../../../../electron/core/desk/recent-work';
import { PressLedger } from '../../../../electron/core/dispatch/ledger';
import { MAX_RECENT_DONE } from '../../../../electron/core/dispatch/press-archive';
import { MAX_EVENTS } from '../../../../electron/simulator/event-bound';
import { SimulatorState } from '../../../../electron/simulator/state';

const NOW = Date.UTC(2026, 11, 6, 5, 0, 0);
const HOUR = 3600_000;

function callout(id: number, siteId: string, closedAgoMs: number | null): Callout {
  const pressedAt = NOW - (closedAgoMs ?? 0) - 600_000;
  return {
    id: String(id),
    siteId,
    stage: closedAgoMs === null ? 'dispatched' : 'closed',
    rawStatus: closedAgoMs === null ? 'Responder Dispatched' : 'Closed',
    pressedAt,
    silent: false,
    responder: null,
    closedAt: closedAgoMs === null ? null : NOW - closedAgoMs,
    raisedElsewhere: false,
    unfollowedAt: null,
    timeline: [{ at: pressedAt, kind: 'stage', stage: 'created', text: 'Panic button pressed', auraAt: null }],
  };
}

describe('recent work on the wire', () => {
  it('carries open callouts, each site newest and the last hour closed, whatever the history; counts the rest', () => {
    const history = Array.from({ length: 10_000 }, (_, i) => callout(i, `site-${i % 5}`, (i + 2) * 250_000));
    const open = callout(99_999, 'site-0', null);
    const small = recentCallouts([open, ...history.slice(0, 100)], NOW);
    const big = recentCallouts([open, ...history], NOW);
    expect(big.shown.map((c) => c.id)).toEqual(small.shown.map((c) => c.id));
    expect(big.shown.length).toBeLessThanOrEqual(1 + 5 + 20);
    expect(big.shown.some((c) => c.id === open.id)).toBe(true);
    expect(big.left).toBe(10_000 - big.shown.filter((c) => c.stage === 'closed').length);
    expect(closedCallouts([open, ...history])).toHaveLength(10_000);
  });
});

describe('presses on the wire', () => {
  const press = (n: number, agoMs: number, status: Press['status'], calloutId: string | null) => ({
    id: `p${n}`,
    status,
    calloutId,
    pressedAt: NOW - agoMs,
  });

  it('carries every unsent press, the newest sent ones and those of a callout that rides along; not the history', () => {
    const history = Array.from({ length: 10_000 }, (_, i) => callout(i, `site-${i % 5}`, (i + 2) * 250_000));
    const { shown } = recentCallouts(history, NOW);
    const presses = [
      ...history.map((c, i) => press(i, NOW - c.pressedAt, 'sent', c.id)),
      press(20_001, 3 * HOUR, 'notSent', null),
      press(20_002, 10 * HOUR, 'failed', null),
      press(20_003, 60_000, 'sent', 'not-yet-a-card'),
    ];
    const carried = recentPresses(presses, shown, 3).map((p) => p.id);
    // The three newest sent presses (p20003, p0, p1), one sent press per callout that rides along
    // (each site's newest, the last hour's closed), and the unsent and refused ones whatever their age.
    const ofShown = presses.filter((p) => p.calloutId !== null && shown.some((c) => c.id === p.calloutId));
    const expected = new Set([...ofShown.map((p) => p.id), 'p0', 'p1', 'p20001', 'p20002', 'p20003']);
    expect(carried).toEqual(presses.map((p) => p.id).filter((id) => expected.has(id)));
    expect(carried.length).toBeLessThanOrEqual(5 + 20 + 3 + 2);
  });
});

describe('finished presses leave presses.json', () => {
  it('moves sent presses older than two days to the archive at open and when a press finishes; reads them back on demand', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-'));
    let now = NOW;
    const press = (id: string, ago: number, status: Press['status']): Press => ({
      id,
      siteId: 'site_9944',
      source: 'button',
      pressedAt: NOW - ago,
      dismissed: false,
      ...NEW_PRESS_STATE,
      status,
      calloutId: status === 'sent' ? `c-${id}` : null,
      target: { environment: 'training', baseUrl: null, clientId: null },
    });
    const first = PressLedger.open(
      dir,
      () => now,
      () => ({ environment: 'training', baseUrl: null, clientId: null }),
    );
    first.ledger.add(press('old', 72 * HOUR, 'sent'));
    first.ledger.add(press('recent', 10 * 60_000, 'sent'));
    first.ledger.add(press('unsent', 72 * HOUR, 'notSent'));
    const { ledger } = PressLedger.open(
      dir,
      () => now,
      () => ({ environment: 'training', baseUrl: null, clientId: null }),
    );
    const inFile = (): string[] =>
      (JSON.parse(readFileSync(join(dir, 'presses.json'), 'utf8')) as Press[]).map((p) => p.id).sort();
    expect(inFile()).toEqual(['recent', 'unsent']);
    expect(ledger.archived(NOW - 96 * HOUR).map((p) => p.id)).toEqual(['old']);
    now += 49 * HOUR; // 'recent' is now over two days old; moved when another press finishes
    ledger.update('unsent', { status: 'sent', calloutId: 'c-unsent' });
    expect(inFile()).toEqual([]);
    expect(
      ledger
        .archived(NOW - 96 * HOUR)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['old', 'recent', 'unsent']);
    now += 40 * 24 * HOUR; // past the history: whole days are deleted
    ledger.add(press('new', -(40 * 24 + 49) * HOUR, 'notSent')); // made now
    ledger.update('new', { status: 'sent', calloutId: 'c-new' });
    expect(readdirSync(join(dir, 'presses-done'))).toEqual([]);
  });

  it('keeps at most the newest MAX_RECENT_DONE finished presses in the file, moving the rest in one batch at twice that', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-cap-'));
    const target = { environment: 'training' as const, baseUrl: null, clientId: null };
    const { ledger } = PressLedger.open(
      dir,
      () => NOW,
      () => target,
    );
    const inFile = (): Press[] => JSON.parse(readFileSync(join(dir, 'presses.json'), 'utf8')) as Press[];
    const pressN = (n: number): Press => ({
      id: `p${n}`,
      siteId: 'site_9944',
      source: 'button',
      pressedAt: NOW - 60 * 60_000 + n * 1000, // all within the hour: only the count moves them
      dismissed: false,
      ...NEW_PRESS_STATE,
      status: 'notSent',
      calloutId: null,
      target,
    });
    const finishOne = (n: number) => {
      ledger.add(pressN(n));
      ledger.update(`p${n}`, { status: 'sent', calloutId: `c${n}` });
    };
    for (let n = 1; n <= 2 * MAX_RECENT_DONE; n++) finishOne(n);
    expect(inFile()).toHaveLength(2 * MAX_RECENT_DONE); // not yet: no archive write per press
    finishOne(2 * MAX_RECENT_DONE + 1);
    expect(inFile().map((p) => p.id)).toEqual(
      Array.from({ length: MAX_RECENT_DONE }, (_, i) => `p${MAX_RECENT_DONE + 2 + i}`),
    );
    expect(ledger.archived(NOW - 2 * HOUR)).toHaveLength(MAX_RECENT_DONE + 1);
  });
});

describe('the Training simulator', () => {
  it(`keeps at most ${MAX_EVENTS} events, dropping closed callouts' oldest first and every event of an open one kept`, () => {
    const state = new SimulatorState({ shape: 'b', now: () => Date.now(), dedupeActive: false });
    const loc = state.locationByRef('site_9944');
    if (!loc) throw new Error('the quickstart location is missing');
    const { callout: first } = state.raise(loc, {});
    for (let i = 0; i < 200; i++) state.addEvent(first.id, `open ${i}`);
    for (let n = 0; n < 60; n++) {
      const { callout: c } = state.raise(loc, {});
      for (let i = 0; i < 100; i++) state.addEvent(c.id, `event ${i}`);
      state.advance(c.id, 'close');
    }
    const total = state.allCallouts().reduce((sum, c) => sum + state.eventsOf(c.id).length, 0);
    expect(total).toBeLessThanOrEqual(MAX_EVENTS);
    expect(state.eventsOf(first.id).filter((e) => e.message.startsWith('open'))).toHaveLength(200);
  });
});
