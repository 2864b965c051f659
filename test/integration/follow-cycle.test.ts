// The desk following callouts through the one-request cycle, against the simulator over real
// HTTP: a callout raised elsewhere for one of its sites shows up (marked, followed, found by the
// probe's own list read), a site it does not show is left alone, its own press is never taken for
// someone else's, a second press joins the callout raised elsewhere, and a callout completed for
// too long is no longer followed (costing nothing) until AURA closes it.
import { afterEach, describe, expect, it } from 'vitest';
import { type DeskOptions } from '../../electron/core/desk/desk';
import type { RunningSimulator, SimulatorOptions } from '../../electron/simulator/server';
import { until } from '../support/until';
import { deskAgainstSimulator } from '../support/sim-desk';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function followingDesk(timing: DeskOptions['timing'] = {}, sim: SimulatorOptions = {}) {
  const world = await deskAgainstSimulator({
    sim,
    desk: { timing: { movingMs: 100, settledMs: 200, readinessEveryMs: 300, retryDelaysMs: [50], ...timing } },
  });
  cleanup.push(() => world.close());
  return world;
}

function raiseElsewhere(sim: RunningSimulator, ref = 'site_9944'): string {
  const loc = sim.state.locationByRef(ref);
  if (!loc) throw new Error(`no location ${ref}`);
  return String(sim.state.raise(loc, {}).callout.id);
}

const ops = (sim: RunningSimulator, from: number) => sim.requests.slice(from).map((r) => r.op);

describe('callouts raised elsewhere', () => {
  it('appear on the desk, marked, found by the probe’s list read, and are followed like its own', async () => {
    const { sim, desk } = await followingDesk();
    await until(desk, (s) => s.readiness.level === 'ready');
    const from = sim.requests.length;
    const id = raiseElsewhere(sim);
    const state = await until(desk, (s) => s.callouts.some((c) => c.id === id));
    const callout = state.callouts.find((c) => c.id === id);
    expect(callout).toMatchObject({ siteId: 'site_9944', raisedElsewhere: true, stage: 'created', silent: false });
    expect(callout?.timeline[0]?.text).toBe('Raised elsewhere (not from this desk)');
    // Found by the list read the probe makes anyway; read once in full, with its events.
    const seen = ops(sim, from);
    expect(seen.filter((op) => op === 'getCallout')).toHaveLength(1);
    expect(seen.filter((op) => op === 'listCalloutEvents')).toHaveLength(1);
    expect(seen.every((op) => op === 'listActiveCallouts' || op === 'getCallout' || op === 'listCalloutEvents')).toBe(
      true,
    );
    sim.state.advance(Number(id), 'dispatch');
    await until(desk, (s) => s.callouts.find((c) => c.id === id)?.stage === 'dispatched');
    sim.state.advance(Number(id), 'close');
    await until(desk, (s) => s.callouts.find((c) => c.id === id)?.stage === 'closed');
    const { entries } = await desk.handlers['audit.list']({ text: 'raised elsewhere', limit: 10 });
    expect(entries).toHaveLength(1);
  });

  it('are left alone for a site this desk does not show', async () => {
    const { sim, desk } = await followingDesk();
    sim.state.addLocation({
      externalReferenceId: 'annex',
      locationIdentifier: 'Annex',
      latitude: '-26.1',
      longitude: '28.1',
    });
    await desk.handlers['sites.sync']({});
    await desk.handlers['sites.choose']({ shownSiteIds: ['site_9944'] });
    const from = sim.requests.length;
    raiseElsewhere(sim, 'annex');
    await new Promise((r) => setTimeout(r, 800));
    expect(desk.getState().callouts).toEqual([]);
    expect(ops(sim, from).filter((op) => op !== 'listActiveCallouts')).toEqual([]);
  });

  it('never include the desk’s own press, even when its callout is listed before the raise answers', async () => {
    // The raise reaches AURA but its answer is lost: the callout is listed while the press is
    // unsent, and cycles run meanwhile (another callout of the desk is moving).
    const { sim, desk } = await followingDesk({ movingMs: 30, retryDelaysMs: [400] });
    sim.state.addLocation({ externalReferenceId: 'annex', locationIdentifier: 'Annex', latitude: '1', longitude: '1' });
    await desk.handlers['sites.sync']({});
    desk.trigger('annex', 'button');
    await until(desk, (s) => s.callouts.length === 1);
    sim.faults.set([{ kind: 'reset', route: 'raiseCallout', afterHandling: true, times: 1 }]);
    const cycles = sim.requests.length;
    desk.trigger('site_9944', 'button');
    const state = await until(desk, (s) => s.presses[1]?.status === 'sent' && s.callouts.length === 2);
    expect(ops(sim, cycles).filter((op) => op === 'listActiveCallouts').length).toBeGreaterThan(3);
    const own = state.callouts.find((c) => c.siteId === 'site_9944');
    expect(own?.raisedElsewhere).toBeFalsy();
    expect(own?.timeline[0]?.kind).toBe('press');
    expect(own?.timeline.map((e) => e.text)).not.toContain('Pressed again');
    expect(sim.state.allCallouts()).toHaveLength(2);
  });

  it('are joined by a press on the same site', async () => {
    const { sim, desk } = await followingDesk();
    const id = raiseElsewhere(sim);
    await until(desk, (s) => s.callouts.some((c) => c.id === id));
    desk.trigger('site_9944', 'button');
    const state = await until(desk, (s) => s.presses[0]?.status === 'sent');
    expect(state.presses[0]?.calloutId).toBe(id);
    expect(state.callouts).toHaveLength(1);
    expect(state.callouts[0]?.timeline.map((e) => e.text)).toContain('Pressed again');
    expect(sim.state.allCallouts()).toHaveLength(1);
  });
});

describe('a callout completed for too long', () => {
  it('is no longer followed, costs only the probe’s list read, and is picked up again when AURA closes it', async () => {
    const { sim, desk } = await followingDesk({ unfollowAfterMs: 400, readinessEveryMs: 500 });
    desk.trigger('site_9944', 'button');
    const sent = await until(desk, (s) => s.presses[0]?.status === 'sent');
    const id = sent.presses[0]?.calloutId ?? '';
    sim.state.advance(Number(id), 'complete');
    await until(desk, (s) => s.callouts[0]?.stage === 'completed');
    await until(desk, (s) => s.callouts[0]?.unfollowedAt != null, 3000);
    const from = sim.requests.length;
    await new Promise((r) => setTimeout(r, 1200));
    // Only the readiness probe (about every 500 ms here) reads anything: the list.
    const seen = ops(sim, from);
    expect(seen.length).toBeLessThanOrEqual(4);
    expect(seen.every((op) => op === 'listActiveCallouts')).toBe(true);
    const { entries } = await desk.handlers['audit.list']({ text: 'no longer followed', limit: 10 });
    expect(entries[0]?.text).toContain('no longer followed — close it in AURA');
    sim.state.advance(Number(id), 'close');
    const closed = await until(desk, (s) => s.callouts[0]?.stage === 'closed');
    expect(closed.callouts[0]?.unfollowedAt ?? null).toBeNull();
  });
});
