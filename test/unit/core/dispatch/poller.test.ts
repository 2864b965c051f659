// The follow cycle with a manual clock and an AURA in memory: one list read per cycle whatever
// the number of callouts, full reads only for what moved, new or left the list, events at their
// cadence, backoff and Retry-After (capped) for the cycle as a whole, discovery of callouts raised
// elsewhere, the 24 h "no longer followed" rule, and the readiness probe riding on the cycle.
// The poller follows a callout record kept here as the desk keeps it (issue 25 item 4: the
// schedule is derived from the record, never told its stage by hand).
import { describe, expect, it } from 'vitest';
import { AuraError } from '../../../../electron/core/aura/errors';
import { stageFromStatus } from '../../../../electron/core/aura/status';
import {
  Poller,
  type FollowedCallout,
  type ListedCallout,
  type PollerOptions,
} from '../../../../electron/core/dispatch/poller';
import { FakeClock } from '../../../support/fake-clock';

type Req = { what: string; at: number };

/** The desk's side: the callout record the poller reads, changed only by reads and the desk. */
function deskRecord() {
  const records = new Map<string, FollowedCallout>();
  return {
    records,
    followed: () => [...records.values()].filter((r) => r.stage !== 'closed'),
    set(id: string, status: string | null, raisedHere = true) {
      const stage = status === null ? 'unknown' : stageFromStatus(status);
      records.set(id, { id, stage, status, raisedHere, unfollowed: false, settledForMs: 0 });
    },
    /** A full read as the desk applies it: the new status, followed again. */
    read(id: string, status: string) {
      const r = records.get(id);
      if (r) records.set(id, { ...r, status, stage: stageFromStatus(status), unfollowed: false });
    },
  };
}

function setup(opts: Partial<PollerOptions> = {}) {
  const clock = new FakeClock();
  const start = clock.monotonic();
  const aura = new Map<string, { status: string; site: number | null; listed: boolean }>();
  const requests: Req[] = [];
  let listFailure: (() => Error | null) | null = null;
  const unfollowed: string[] = [];
  const desk = deskRecord();
  const poller = new Poller({
    clock,
    random: () => 0,
    followed: desk.followed,
    readActive: async () => {
      requests.push({ what: 'list', at: clock.monotonic() - start });
      const failure = listFailure?.() ?? null;
      if (failure) throw failure;
      return [...aura]
        .filter(([, c]) => c.listed)
        .map(([id, c]): ListedCallout => ({ id, status: c.status, predefinedLocationId: c.site }));
    },
    refresh: async (id, what) => {
      const at = clock.monotonic() - start;
      if (what.details) requests.push({ what: `details:${id}`, at });
      if (what.events) requests.push({ what: `events:${id}`, at });
      const c = aura.get(id);
      if (!c) throw new AuraError('notFound', `no callout ${id}`);
      const stage = stageFromStatus(c.status);
      if (what.details) desk.read(id, c.status);
      return { stage, status: c.status, closed: stage === 'closed' };
    },
    onUnfollow: (id) => {
      unfollowed.push(id);
      const r = desk.records.get(id);
      if (r) desk.records.set(id, { ...r, unfollowed: true });
    },
    ...opts,
    discover: opts.discover
      ? (listed) => {
          const mine = opts.discover?.(listed) ?? false;
          if (mine) desk.set(listed.id, null, false);
          return mine;
        }
      : undefined,
  });
  const put = (id: string, status: string, site: number | null = 1) =>
    aura.set(id, { status, site, listed: stageFromStatus(status) !== 'closed' });
  const reqs = (what: string) => requests.filter((r) => r.what === what).map((r) => r.at);
  /** Open in AURA but missing from its active list (paging, a cache, an odd item). */
  const hide = (id: string) => {
    const c = aura.get(id);
    if (c) c.listed = false;
  };
  return {
    clock,
    poller,
    requests,
    put,
    hide,
    reqs,
    unfollowed,
    failList: (f: (() => Error | null) | null) => (listFailure = f),
    desk,
    follow: (id: string, status: string, raisedHere = true) => {
      desk.set(id, status, raisedHere);
      poller.wake();
    },
  };
}

describe('poll cycle', () => {
  it('makes no request when nothing is followed', async () => {
    const { clock, requests } = setup();
    await clock.advance(600_000);
    expect(requests).toEqual([]);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('reads the list every 5 s while moving, every 15 s when settled, the callout only when it moved, and stops when closed', async () => {
    const { clock, poller, put, follow, reqs } = setup();
    put('c1', 'created');
    follow('c1', 'created');
    await clock.advance(10_000);
    expect(reqs('list')).toEqual([5000, 10_000]);
    expect(reqs('details:c1')).toEqual([]);
    put('c1', 'Responder Arrived');
    await clock.advance(5000); // the cycle at 15 s sees the change and reads the callout once
    expect(reqs('details:c1')).toEqual([15_000]);
    expect(reqs('events:c1')).toEqual([15_000]);
    await clock.advance(30_000);
    expect(reqs('list')).toEqual([5000, 10_000, 15_000, 30_000, 45_000]);
    put('c1', 'Closed'); // leaves the active list
    await clock.advance(15_000);
    expect(reqs('details:c1')).toEqual([15_000, 60_000]);
    await clock.advance(600_000);
    expect(reqs('list')).toHaveLength(6);
    expect(poller.trackedIds).toEqual([]);
  });

  it('costs one list read per cycle for fifty unchanged callouts, plus at most one events read per 10 s', async () => {
    const { clock, put, follow, requests } = setup();
    for (let i = 0; i < 50; i++) {
      const status = i % 2 ? 'Responder Completed' : 'Responder Dispatched';
      put(`c${i}`, status, i);
      follow(`c${i}`, status);
    }
    const before = requests.length;
    await clock.advance(60_000);
    const minute = requests.slice(before);
    expect(minute.filter((r) => r.what === 'list')).toHaveLength(12);
    expect(minute.filter((r) => r.what.startsWith('details'))).toHaveLength(0);
    expect(minute.filter((r) => r.what.startsWith('events')).length).toBeLessThanOrEqual(6);
  });

  it('reads events every 30 s for its own callouts, every 2 min for others, and sooner after a message', async () => {
    const { clock, poller, put, follow, reqs } = setup();
    put('own', 'Responder Dispatched', 1);
    put('other', 'Responder Dispatched', 2);
    follow('own', 'Responder Dispatched');
    follow('other', 'Responder Dispatched', false);
    await clock.advance(240_000);
    expect(reqs('events:own')).toEqual([30_000, 60_000, 90_000, 120_000, 150_000, 180_000, 210_000, 240_000]);
    expect(reqs('events:other')).toEqual([130_000]); // due at 120 s, when the budget went to its own
    poller.expectReply('own');
    await clock.advance(30_000);
    expect(reqs('events:own').filter((t) => t > 240_000)).toEqual([250_000, 260_000, 270_000]);
  });

  it('backs off on a failing list read and recovers to the normal interval', async () => {
    const { clock, put, follow, reqs, failList } = setup();
    put('c1', 'Responder Dispatched');
    follow('c1', 'Responder Dispatched');
    failList(() => new AuraError('network', 'down'));
    await clock.advance(5000);
    await clock.advance(8000); // 5 s × 2 × 0.8 (jitter)
    await clock.advance(16_000);
    expect(reqs('list')).toEqual([5000, 13_000, 29_000]);
    failList(null);
    await clock.advance(32_000); // the next try after 32 s succeeds
    await clock.advance(5000);
    expect(reqs('list')).toEqual([5000, 13_000, 29_000, 61_000, 66_000]);
  });

  it('holds the whole cycle for Retry-After, and believes at most 5 minutes of it', async () => {
    const { clock, put, follow, reqs, failList } = setup();
    put('c1', 'Responder Dispatched');
    follow('c1', 'Responder Dispatched');
    let retryAfterMs = 30_000;
    let fail = true;
    failList(() => (fail ? new AuraError('rateLimited', 'slow down', { retryAfterMs }) : null));
    await clock.advance(5000);
    fail = false;
    await clock.advance(29_999);
    expect(reqs('list')).toEqual([5000]);
    await clock.advance(1);
    expect(reqs('list')).toEqual([5000, 35_000]);
    // A Retry-After of a day is capped at five minutes.
    fail = true;
    retryAfterMs = 24 * 3600_000;
    await clock.advance(5000);
    fail = false;
    await clock.advance(300_000);
    expect(reqs('list')).toEqual([5000, 35_000, 40_000, 340_000]);
  });

  it('backs off reading a callout that keeps failing, without slowing the cycle', async () => {
    const { clock, follow, reqs } = setup();
    // Not on AURA's list and not readable (404): read once as "left the list", then with backoff.
    follow('gone', 'Responder Dispatched');
    await clock.advance(35_000);
    expect(reqs('details:gone')).toEqual([5000, 15_000, 35_000]);
    expect(reqs('list')).toHaveLength(7);
  });

  it('has at most three reads in flight', async () => {
    const release: Array<() => void> = [];
    let inFlight = 0;
    let most = 0;
    const { clock, follow, put } = setup({
      refresh: (_id, _what) =>
        new Promise((resolve) => {
          inFlight++;
          most = Math.max(most, inFlight);
          release.push(() => {
            inFlight--;
            resolve({ stage: 'dispatched', status: 'Responder Dispatched', closed: false });
          });
        }),
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      put(id, 'Responder Dispatched');
      follow(id, 'created');
    }
    await clock.advance(5000);
    expect(inFlight).toBe(3);
    for (const r of release.splice(0)) r();
    await clock.advance(0);
    expect(inFlight).toBe(2);
    for (const r of release.splice(0)) r();
    expect(most).toBe(3);
  });

  it('follows a listed callout the desk says is one of its own sites, read once when found', async () => {
    const seen: string[] = [];
    const { clock, poller, put, reqs } = setup({
      discover: (listed) => {
        seen.push(listed.id);
        return listed.predefinedLocationId === 7;
      },
    });
    put('mine', 'created', 7);
    put('not-mine', 'created', 8);
    const probing = poller.probe();
    await clock.advance(0);
    await probing;
    expect(seen.sort()).toEqual(['mine', 'not-mine']);
    expect(poller.trackedIds).toEqual(['mine']);
    expect(reqs('details:mine')).toEqual([0]);
    expect(reqs('details:not-mine')).toEqual([]);
    // Followed now: the cycle runs on its own, and reads the callout only when it moves.
    await clock.advance(15_000);
    expect(reqs('list')).toEqual([0, 5000, 10_000, 15_000]);
    expect(reqs('details:mine')).toEqual([0]);
  });

  it('does not take a callout tracked while the list was being read for one that left the list', async () => {
    let unblock: () => void = () => undefined;
    const clock = new FakeClock();
    const details: string[] = [];
    let first = true;
    const desk = deskRecord();
    const poller = new Poller({
      clock,
      random: () => 0,
      followed: desk.followed,
      readActive: async () => {
        if (first) {
          first = false;
          await new Promise<void>((r) => (unblock = r));
        }
        return [{ id: 'new', status: 'created', predefinedLocationId: 1 }];
      },
      refresh: async (id) => {
        details.push(id);
        return { stage: 'created', status: 'created', closed: false };
      },
    });
    const probing = poller.probe();
    await clock.advance(0);
    desk.set('new', 'created'); // the raise answered meanwhile
    poller.wake();
    unblock();
    await probing;
    await clock.advance(0);
    expect(details).toEqual([]);
  });

  it('stops following a callout completed for 24 h, and follows it again when it moves', async () => {
    const { clock, poller, put, follow, reqs, unfollowed } = setup();
    put('c1', 'Responder Completed');
    follow('c1', 'Responder Completed');
    await clock.advance(24 * 3600_000);
    expect(unfollowed).toEqual(['c1']);
    expect(poller.following).toBe(false);
    const lists = reqs('list').length;
    await clock.advance(3600_000);
    expect(reqs('list')).toHaveLength(lists); // nothing of its own; the readiness probe still lists
    put('c1', 'Closed');
    const probing = poller.probe();
    await clock.advance(0);
    await probing;
    expect(reqs('details:c1').at(-1)).toBe(25 * 3600_000);
    expect(poller.trackedIds).toEqual([]);
  });

  it('answers the readiness probe from the next cycle while following, with no extra request', async () => {
    const { clock, poller, put, follow, reqs } = setup();
    put('c1', 'Responder Dispatched');
    follow('c1', 'Responder Dispatched');
    await clock.advance(1000);
    const answered = poller.probe();
    await clock.advance(4000);
    await expect(answered).resolves.toBeTypeOf('number');
    await clock.advance(0);
    expect(reqs('list')).toEqual([5000]);
  });

  it('keeps its pace when the wall clock jumps', async () => {
    const { clock, put, follow, reqs } = setup();
    put('c1', 'Responder Dispatched');
    follow('c1', 'Responder Dispatched');
    await clock.advance(2000);
    clock.jumpWall(-3600_000);
    await clock.advance(3000);
    clock.jumpWall(7 * 24 * 3600_000);
    await clock.advance(5000);
    expect(reqs('list')).toEqual([5000, 10_000]);
  });

  it('keeps the moving pace for a followed callout missing from the list but not closed (issue 20 item 9)', async () => {
    const { clock, put, hide, follow, reqs } = setup();
    put('c1', 'created');
    follow('c1', 'created');
    hide('c1');
    await clock.advance(5000); // left the list: read once
    expect(reqs('details:c1')).toEqual([5000]);
    put('c1', 'Responder Dispatched');
    hide('c1');
    await clock.advance(10_000);
    // Seen within a cycle or two of the change, not two minutes later.
    expect(reqs('details:c1')).toEqual([5000, 10_000, 15_000]);
    expect(reqs('list')).toEqual([5000, 10_000, 15_000]);
  });
});

describe('one record per callout (issue 25 item 4)', () => {
  it('takes its pace from the desk record alone: a stage the desk records changes it without a word to the poller', async () => {
    const { clock, put, follow, desk, reqs } = setup();
    put('c1', 'Responder Dispatched');
    follow('c1', 'Responder Dispatched');
    await clock.advance(10_000);
    expect(reqs('list')).toEqual([5000, 10_000]);
    // The desk learns of arrival some other way (a cancel's answer, a press's answer): only its record changes.
    put('c1', 'Responder Arrived');
    desk.read('c1', 'Responder Arrived');
    await clock.advance(35_000);
    expect(reqs('list')).toEqual([5000, 10_000, 15_000, 30_000, 45_000]);
    expect(reqs('details:c1')).toEqual([]); // AURA's list says what the record says: nothing to read
    desk.records.delete('c1'); // gone from the record (closed and pruned): no longer polled
    await clock.advance(60_000);
    expect(reqs('list')).toHaveLength(6); // the cycle already due, then none
    await clock.advance(600_000);
    expect(reqs('list')).toHaveLength(6);
  });
});
