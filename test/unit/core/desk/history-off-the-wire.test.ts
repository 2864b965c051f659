// Issue 25 item 8: state updates carry recent work, not the 30-day history; finished presses
// leave the file every press writes; the Training simulator's event list is bounded.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Callout } from '../../../../electron/shared/model/callout';
import { NEW_PRESS_STATE, type Press } from '../../../../electron/shared/model/press';
import { closedCallouts, digestHistory, recentFrom, recentPresses } from '../../../../electron/core/desk/recent-work';
import { PressLedger } from '../../../../electron/core/dispatch/ledger';
import { MAX_RECENT_DONE, PressArchive } from '../../../../electron/core/dispatch/press-archive';
import { nodeStorage, type StoragePort } from '../../../../electron/core/storage/port';
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
    const small = recentFrom(digestHistory(history.slice(0, 100), NOW), [open]);
    const big = recentFrom(digestHistory(history, NOW), [open]);
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
    const { shown } = recentFrom(digestHistory(history, NOW), []);
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
  const target = { environment: 'training' as const, baseUrl: null, clientId: null };
  const press = (id: string, pressedAt: number, status: Press['status']): Press => ({
    id,
    siteId: 'site_9944',
    source: 'button',
    pressedAt,
    dismissed: false,
    ...NEW_PRESS_STATE,
    status,
    calloutId: status === 'sent' ? `c-${id}` : null,
    target,
  });
  const open = (dir: string, now: () => number, io?: StoragePort) =>
    PressLedger.open(dir, now, () => target, io).ledger;
  const inFile = (dir: string): string[] =>
    (JSON.parse(readFileSync(join(dir, 'presses.json'), 'utf8')) as Press[]).map((p) => p.id).sort();
  const ids = (presses: readonly Press[]): string[] => presses.map((p) => p.id).sort();

  it('moves a press to the archive as it finishes; the last two days come back as recent work after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-'));
    let now = NOW;
    const first = open(dir, () => now);
    first.add(press('old', NOW - 72 * HOUR, 'sent'));
    first.add(press('recent', NOW - 10 * 60_000, 'sent'));
    first.add(press('unsent', NOW - 72 * HOUR, 'notSent'));
    expect(inFile(dir)).toEqual(['unsent']);
    const ledger = open(dir, () => now);
    expect(ids(ledger.all())).toEqual(['recent', 'unsent']);
    expect(ids(ledger.archived(NOW - 96 * HOUR))).toEqual(['old', 'recent']);
    now += 49 * HOUR; // 'recent' is now over two days old: still recent work in this run (counted, not timed)
    ledger.update('unsent', { status: 'sent', calloutId: 'c-unsent' });
    expect(inFile(dir)).toEqual([]);
    expect(ids(ledger.all())).toEqual(['recent', 'unsent']);
    // A change after the move (AURA's outcome in words) is on disk, and read back once.
    ledger.update('unsent', { outcome: 'AURA raised callout c-unsent' });
    const again = open(dir, () => now);
    expect(again.archived(NOW - 96 * HOUR).filter((p) => p.id === 'unsent')).toEqual([
      expect.objectContaining({ outcome: 'AURA raised callout c-unsent' }),
    ]);
    expect(ids(again.all())).toEqual([]); // made 121 h ago: history now, not recent work
    now += 40 * 24 * HOUR; // past the history: whole days are deleted
    const later = open(dir, () => now);
    later.add(press('new', now, 'notSent'));
    later.update('new', { status: 'sent', calloutId: 'c-new' });
    expect(readdirSync(join(dir, 'presses-done'))).toEqual([`${new Date(now).toISOString().slice(0, 10)}.jsonl`]);
  });

  it('holds only unfinished presses in presses.json however many finish; the newest MAX_RECENT_DONE stay recent work', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-cap-'));
    const ledger = open(dir, () => NOW);
    const finishOne = (n: number) => {
      ledger.add(press(`p${n}`, NOW - HOUR + n * 1000, 'notSent'));
      expect(inFile(dir)).toEqual([`p${n}`]);
      ledger.update(`p${n}`, { status: 'sent', calloutId: `c${n}` });
      expect(inFile(dir)).toEqual([]);
    };
    for (let n = 1; n <= 2 * MAX_RECENT_DONE + 1; n++) finishOne(n);
    const newest = Array.from({ length: MAX_RECENT_DONE }, (_, i) => `p${MAX_RECENT_DONE + 2 + i}`);
    expect(ledger.all().map((p) => p.id)).toEqual(newest);
    expect(ledger.archived(NOW - 2 * HOUR)).toHaveLength(2 * MAX_RECENT_DONE + 1);
    expect(
      open(dir, () => NOW)
        .all()
        .map((p) => p.id),
    ).toEqual(newest);
  });

  it('keeps a press once when a crash lands between the archive write and the presses.json write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-crash-'));
    const sent = press('p1', NOW - 60_000, 'sent');
    // The archive has it, and presses.json still has it too: the second write never happened.
    new PressArchive(dir).append([sent]);
    writeFileSync(join(dir, 'presses.json'), JSON.stringify([sent]));
    const ledger = open(dir, () => NOW);
    expect(inFile(dir)).toEqual([]);
    expect(ledger.all()).toEqual([sent]);
    expect(ledger.archived(NOW - HOUR)).toEqual([sent]);
  });

  it('keeps finished presses in presses.json while the archive cannot be written, and moves them once it can', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-full-'));
    let full = true;
    const io: StoragePort = {
      ...nodeStorage,
      open: (path, flags) => {
        if (full && flags === 'a') throw Object.assign(new Error('ENOSPC: simulated'), { code: 'ENOSPC' });
        return nodeStorage.open(path, flags);
      },
    };
    const ledger = open(dir, () => NOW, io);
    ledger.add(press('p1', NOW - 60_000, 'notSent'));
    ledger.update('p1', { status: 'sent', calloutId: 'c-p1' });
    expect(inFile(dir)).toEqual(['p1']);
    expect(ids(ledger.all())).toEqual(['p1']);
    full = false;
    ledger.add(press('p2', NOW - 30_000, 'notSent'));
    ledger.update('p2', { status: 'sent', calloutId: 'c-p2' });
    expect(inFile(dir)).toEqual([]);
    expect(ids(ledger.all())).toEqual(['p1', 'p2']);
    expect(ids(ledger.archived(NOW - HOUR))).toEqual(['p1', 'p2']);
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
