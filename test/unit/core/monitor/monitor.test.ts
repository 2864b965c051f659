// Monitor mode's pure parts (issue 24 item 2): the read budget of the poll cycle paced by a
// monitor, on a fake clock at the app's real pace (5 s); the command gate (no raise, cancel and
// message only as `monitorActions` allows); the duress view; the board's order.
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../../electron/shared/command-names';
import type { Callout } from '../../../../electron/shared/model/callout';
import type { FollowedCallout } from '../../../../electron/core/dispatch/cycle-plan';
import { Poller, type ListedCallout } from '../../../../electron/core/dispatch/poller';
import { duressMessage } from '../../../../electron/core/desk/duress';
import { MonitorPace, monitorTiming } from '../../../../electron/core/monitor/monitor-pace';
import { checkMonitorCommand, MonitorRefusal } from '../../../../electron/core/monitor/monitor-rules';
import { cancelledView, hasDuressEvent } from '../../../../electron/core/monitor/monitor-view';
import { mergePolicy } from '../../../../electron/core/policy/policy';
import { monitorOrder } from '../../../../renderer/src/features/monitor/monitorOrder';
import { FakeClock } from '../../../support/fake-clock';

/** A poller as a monitor runs it: discovers everything, settled pace = moving pace, paced by MonitorPace. */
function monitorPoller(clock: FakeClock, listed: () => ListedCallout[], paced = true) {
  const reads = { list: 0, details: 0, events: 0 };
  const statusOf = new Map<string, string>();
  // The desk's callout record, as a full read leaves it (the poller follows what it holds).
  const record = new Map<string, FollowedCallout>();
  const poller = new Poller({
    clock,
    ...monitorTiming(undefined),
    followed: () => [...record.values()].filter((r) => r.stage !== 'closed'),
    readActive: async () => {
      reads.list++;
      return listed();
    },
    refresh: async (id, what) => {
      if (what.details) reads.details++;
      if (what.events) reads.events++;
      const status = listed().find((l) => l.id === id)?.status ?? 'Closed';
      statusOf.set(id, status);
      const stage = status === 'Closed' ? 'closed' : status === 'created' ? 'created' : 'dispatched';
      record.set(id, { id, stage, status, raisedHere: false, unfollowed: false, settledForMs: 0 });
      return { stage: status === 'created' ? 'created' : 'dispatched', status, closed: status === 'Closed' };
    },
    discover: () => true,
  });
  const pace = new MonitorPace({ clock, probe: () => poller.probe() });
  if (paced) pace.start();
  return { reads, poller, pace };
}

const item = (n: number, status = 'created'): ListedCallout => ({ id: `c${n}`, status, predefinedLocationId: n });

describe('monitor read budget (5 s pace, fake clock)', () => {
  it('reads AURA’s list every cycle while it follows nothing', async () => {
    const clock = new FakeClock();
    const { reads, pace } = monitorPoller(clock, () => []);
    await clock.advance(60_000);
    // One read at start, then one every 5 s: 13 in a minute (a desk without the pace: none).
    expect(reads.list).toBe(13);
    pace.stop();
    const plain = monitorPoller(new FakeClock(), () => [], false);
    expect(plain.reads.list).toBe(0);
  });

  it.each([1, 10, 50])('one list read per cycle for %i sites, details only when new or changed', async (sites) => {
    const clock = new FakeClock();
    let listed = Array.from({ length: sites }, (_, i) => item(i + 1));
    const { reads, pace } = monitorPoller(clock, () => listed);
    await clock.advance(1);
    expect(reads).toMatchObject({ list: 1, details: sites });
    await clock.advance(60_000);
    // A cycle every 5 s (at 60-100 % of the pace: between 12 and 21 a minute), whatever the number of sites.
    expect(reads.list).toBeGreaterThanOrEqual(13);
    expect(reads.list).toBeLessThanOrEqual(22);
    expect(reads.details).toBe(sites); // nothing changed: no callout read again
    listed = listed.map((l, i) => (i === 0 ? { ...l, status: 'Responder Dispatched' } : l));
    await clock.advance(5_000);
    expect(reads.details).toBe(sites + 1);
    pace.stop();
  });
});

describe('monitor command gate', () => {
  const policyOf = (values: unknown) => {
    const read = mergePolicy([{ name: 'policy.json', values }]);
    if (!read.ok) throw new Error(read.problem);
    return read.policy;
  };

  it('refuses every raise and, by default, cancel and message; lets everything else through', () => {
    const monitor = policyOf({ role: 'monitor' });
    const refused = COMMAND_NAMES.filter((name) => {
      try {
        checkMonitorCommand(monitor, name);
        return false;
      } catch (error) {
        expect(error).toBeInstanceOf(MonitorRefusal);
        return true;
      }
    });
    expect(refused.sort()).toEqual(
      ['button.test', 'callout.cancel', 'callout.message', 'callout.reasons', 'hotkey.test', 'panic.trigger'].sort(),
    );
    // An ordinary desk is not touched.
    for (const name of COMMAND_NAMES) expect(() => checkMonitorCommand(policyOf({}), name)).not.toThrow();
  });

  it('lets cancel and message through only as monitorActions says, never a raise', () => {
    const messages = policyOf({ role: 'monitor', monitorActions: ['message'] });
    expect(() => checkMonitorCommand(messages, 'callout.message')).not.toThrow();
    expect(() => checkMonitorCommand(messages, 'callout.cancel')).toThrow(/may not cancel callouts/);
    const both = policyOf({ role: 'monitor', monitorActions: ['cancel', 'message'] });
    expect(() => checkMonitorCommand(both, 'callout.cancel')).not.toThrow();
    expect(() => checkMonitorCommand(both, 'callout.reasons')).not.toThrow();
    expect(() => checkMonitorCommand(both, 'panic.trigger')).toThrow(/raises no panic/);
  });

  it('rejects an unknown role or action in the policy', () => {
    expect(mergePolicy([{ name: 'p', values: { role: 'supervisor' } }]).ok).toBe(false);
    expect(mergePolicy([{ name: 'p', values: { monitorActions: ['raise'] } }]).ok).toBe(false);
    expect(mergePolicy([{ name: 'p', values: { colleagueAlerts: 'loud' } }]).ok).toBe(false);
  });
});

const base = (patch: Partial<Callout> = {}): Callout => ({
  id: '7',
  siteId: 'gate',
  stage: 'dispatched',
  rawStatus: 'Responder Dispatched',
  pressedAt: 1000,
  silent: false,
  responder: { name: 'Unit 12', phone: null, supplier: null },
  closedAt: null,
  timeline: [
    { at: 1000, kind: 'stage', stage: 'created', text: 'Created', auraAt: '2026-12-06T05:00:00.000Z' },
    { at: 2000, kind: 'stage', stage: 'dispatched', text: 'Dispatched', auraAt: '2026-12-06T05:00:05.000Z' },
  ],
  ...patch,
});

describe('duress view', () => {
  it('recognises the DURESS event the cancel service writes', () => {
    const event = { at: 3000, kind: 'event' as const, stage: null, text: duressMessage(3000, 'Gate 3'), auraAt: null };
    expect(hasDuressEvent(base({ timeline: [...base().timeline, event] }))).toBe(true);
    expect(hasDuressEvent(base())).toBe(false);
  });

  it('shows it as cancelled: no AURA status, no DURESS event, nothing AURA did from then on', () => {
    const duress = {
      at: 3000,
      kind: 'event' as const,
      stage: null,
      text: duressMessage(3000, 'Gate 3'),
      auraAt: '2026-12-06T05:00:02.000Z',
    };
    // AURA dispatched after the DURESS event; the desk read both at once.
    const view = cancelledView(
      base({ timeline: [base().timeline[0] as never, duress, base().timeline[1] as never] }),
      4000,
    );
    expect(view).toMatchObject({ stage: 'cancelled', rawStatus: '', responder: null });
    expect(view.timeline.map((e) => e.text)).toEqual(['Created', 'Cancelled']);
  });
});

describe('the board’s order', () => {
  it('puts open callouts first, the newest stage change on top, and keeps a few closed ones', () => {
    const at = (id: string, stage: Callout['stage'], changedAt: number): Callout =>
      base({
        id,
        stage,
        pressedAt: 0,
        timeline: [{ at: changedAt, kind: 'stage', stage, text: stage, auraAt: null }],
      });
    const closed = Array.from({ length: 9 }, (_, i) => at(`x${i}`, 'closed', 100 + i));
    const order = monitorOrder([at('old', 'created', 10), ...closed, at('moved', 'dispatched', 50)]);
    expect(order.map((c) => c.id).slice(0, 3)).toEqual(['moved', 'old', 'x8']);
    expect(order).toHaveLength(2 + 6);
  });
});
