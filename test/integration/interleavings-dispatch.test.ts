// Issue 20, where features meet (the dispatch side): a callout raised elsewhere and cancelled
// before the desk notices, a duress cancel overtaken by a retrying press, a "Still needed?" that
// hid the site's other callouts, a store that fails inside onSent, a press stamped in the
// future, a 401 followed by a failed token refresh. Each against the real simulator over real
// sockets, the desk's time scaled (test/reliability/world.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashCodes } from '../../electron/core/policy/cancel-codes';
import type { KeyValueStore } from '../../electron/core/ports';
import { UNMANAGED } from '../../electron/shared/model/desk-state';
import { PressSchema } from '../../electron/shared/model/press';
import { DEFAULT_SETTINGS } from '../../electron/shared/model/settings';
import { memoryStore } from '../fakes/store';
import { addSitesLikeDemo, ops, pressOf, sentOk, sleep, until, type World, worldsPerTest } from '../reliability/world';

const SITE = 'site_9944';
const DURESS_CODE = '8642';
const { world, restart } = worldsPerTest();

const againEvents = (w: World, calloutId: number) =>
  w.sim.state.eventsOf(calloutId).filter((e) => e.message.startsWith('Panic pressed again at '));
const siteLoc = (w: World) =>
  w.sim.state.locationByRef(SITE) as NonNullable<ReturnType<World['sim']['state']['locationByRef']>>;

describe('1. a press is never swallowed by AURA de-duplicating onto an older callout', () => {
  it('a callout raised elsewhere and cancelled before the desk noticed: the press reaches it as an event', async () => {
    const w = await world();
    const old = w.sim.state.raise(siteLoc(w), {}).callout;
    w.sim.state.advance(old.id, 'cancel');
    const press = w.desk.trigger(SITE, 'hotkey');
    expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
    expect(w.sim.state.allCallouts()).toHaveLength(1);
    expect(againEvents(w, old.id)).toHaveLength(1);
    expect(pressOf(w, press.id)).toMatchObject({ via: 'event', calloutId: String(old.id) });
    const card = w.desk.getState().callouts.find((c) => c.id === String(old.id));
    expect(card?.stage).toBe('cancelled');
  });

  it('the worst case: the silent hotkey of a site not shown on the desk, its callout cancelled elsewhere', async () => {
    const w = await world();
    addSitesLikeDemo(w.sim, ['site_shown']);
    await w.desk.handlers['sites.sync']({});
    await w.desk.handlers['sites.choose']({ shownSiteIds: ['site_shown'] });
    await w.desk.handlers['settings.update']({ hotkeySiteId: SITE });
    expect(w.desk.getState().sites.map((s) => s.id)).toEqual(['site_shown']);
    const old = w.sim.state.raise(siteLoc(w), {}).callout;
    w.sim.state.advance(old.id, 'cancel');
    await sleep(300); // probes list it; the desk does not follow a site it does not show
    expect(w.desk.hotkeyPressed()).toBe('raised');
    expect(await until(() => againEvents(w, old.id).length === 1, 10_000)).toBe(true);
    expect(w.sim.state.allCallouts()).toHaveLength(1);
  });

  it('a callout raised elsewhere moments before, still at created: AURA said it already existed, so an event', async () => {
    const w = await world();
    const old = w.sim.state.raise(siteLoc(w), {}).callout;
    const press = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
    expect(againEvents(w, old.id)).toHaveLength(1);
    expect(pressOf(w, press.id)?.via).toBe('event');
  });

  it('the check-first path does not adopt a cancelled callout older than the press: it posts the press to it', async () => {
    const first = await world();
    const old = first.sim.state.raise(siteLoc(first), {}).callout;
    first.sim.state.advance(old.id, 'cancel');
    // A press whose raise went unanswered before the desk went down (AURA never took it).
    const unanswered = PressSchema.parse({
      id: 'unanswered',
      siteId: SITE,
      source: 'button',
      pressedAt: first.clock.now() - 30_000,
      status: 'sending',
      attempts: 1,
      lastError: null,
      calloutId: null,
      uncertain: true,
    });
    writeFileSync(join(first.dataDir, 'outbox-staging.json'), JSON.stringify([unanswered]));
    const w = await restart(first);
    expect(await until(sentOk(w, 'unanswered'), 10_000)).toBe(true);
    expect(pressOf(w, 'unanswered')?.via).toBe('event');
    expect(againEvents(w, old.id)).toHaveLength(1);
  });

  it('a new callout is still taken as the press own: one raise, no event', async () => {
    const w = await world();
    const press = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
    const id = Number(pressOf(w, press.id)?.calloutId);
    expect(pressOf(w, press.id)?.via).toBe('raised');
    expect(againEvents(w, id)).toHaveLength(0);
  });
});

const policy: { deskName: string; cancelCodes?: { cancel: string[]; duress: string[] } } = { deskName: 'Gate 3' };
beforeAll(async () => {
  const [cancel = '', duress = ''] = await hashCodes(['2468', DURESS_CODE], { logN: 10 });
  policy.cancelCodes = { cancel: [cancel], duress: [duress] };
});

/** A store whose writes of one key fail while `failing` is set (the disk full under electron-store). */
function failingStore(prefix: string): { store: KeyValueStore; fail(on: boolean): void } {
  const base = memoryStore({ settings: { ...DEFAULT_SETTINGS, deskName: 'Gate 2' } });
  let failing = false;
  return {
    fail: (on) => void (failing = on),
    store: {
      get: (key) => base.get(key),
      delete: (key) => base.delete(key),
      set: (key, value) => {
        if (failing && key.startsWith(prefix)) throw Object.assign(new Error('ENOSPC: disk full'), { code: 'ENOSPC' });
        base.set(key, value);
      },
    },
  };
}

async function duressWorld(store?: KeyValueStore): Promise<World> {
  return world({
    store,
    desk: { policy: { policy, view: { ...UNMANAGED, cancelCodeRequired: true } } },
  });
}

async function duressCancel(w: World, calloutId: string): Promise<void> {
  const reasons = await w.desk.handlers['callout.reasons']({ calloutId });
  await w.desk.handlers['callout.cancel']({
    calloutId,
    reasonId: reasons[0]?.id ?? 0,
    notes: '',
    code: DURESS_CODE,
  });
}

const shown = (w: World, id: string) => w.desk.getState().callouts.find((c) => c.id === id);

describe('5. a duress cancel is not undone by a press made before it', () => {
  it('a press retrying through 502s lands after the duress: the card stays as a cancel shows it', async () => {
    const w = await duressWorld();
    const first = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, first.id), 10_000)).toBe(true);
    const id = pressOf(w, first.id)?.calloutId as string;
    // The second press cannot get through: raise and active list answer 502.
    w.sim.faults.set([
      { kind: 'error502', route: 'raiseCallout' },
      { kind: 'error502', route: 'listActiveCallouts' },
    ]);
    const before = w.desk.trigger(SITE, 'button');
    await until(() => ops(w, 'raiseCallout').filter((r) => r.status === 502).length >= 1, 5000);
    await duressCancel(w, id);
    expect(shown(w, id)?.stage).toBe('cancelled');
    w.sim.faults.clear();
    expect(await until(sentOk(w, before.id), 15_000)).toBe(true);
    await sleep(200);
    const view = shown(w, id);
    expect(view?.stage).toBe('cancelled');
    expect(view?.timeline.at(-1)?.text).toBe('Pressed again');
    expect(JSON.stringify(w.desk.getState())).not.toMatch(/DURESS|duress/);
    // A press made after the duress may show the callout as it is.
    const after = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, after.id), 10_000)).toBe(true);
    expect(await until(() => shown(w, id)?.stage === 'created', 5000)).toBe(true);
  });
});

describe('13. a store that cannot write inside onSent does not unsend a press', () => {
  it('the duress view cannot be saved when a later press shows the callout: sent once, one event', async () => {
    const { store, fail } = failingStore('calloutViews-');
    const w = await duressWorld(store);
    const first = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, first.id), 10_000)).toBe(true);
    const id = pressOf(w, first.id)?.calloutId as string;
    await duressCancel(w, id);
    fail(true);
    const statuses: string[] = [];
    const again = w.desk.trigger(SITE, 'button');
    w.desk.onChange((s) => {
      const p = s.presses.find((x) => x.id === again.id);
      if (p && statuses.at(-1) !== p.status) statuses.push(p.status);
    });
    expect(await until(sentOk(w, again.id), 10_000)).toBe(true);
    await sleep(500);
    expect(againEvents(w, Number(id))).toHaveLength(1);
    expect(statuses.slice(statuses.indexOf('sent'))).toEqual(['sent']);
  });
});

describe('10. an unanswered "Still needed?" hides no other callout of its site', () => {
  it('a callout raised elsewhere while the stale press waits is shown', async () => {
    const w = await world({ factor: 200 });
    await w.desk.handlers['settings.update']({ stalePressMinutes: 1 });
    w.sim.faults.set([{ kind: 'error500', route: 'raiseCallout' }]);
    const press = w.desk.trigger(SITE, 'button');
    expect(await until(() => pressOf(w, press.id)?.stale === true, 10_000)).toBe(true);
    const other = w.sim.state.raise(siteLoc(w), {}).callout;
    w.sim.state.advance(other.id, 'dispatch');
    expect(await until(() => shown(w, String(other.id))?.stage === 'dispatched', 10_000)).toBe(true);
    expect(shown(w, String(other.id))?.raisedElsewhere).toBe(true);
  });
});

describe('14. a press stamped in the future is not raised at restart without asking', () => {
  it('the clock ran an hour fast at the press and was corrected: "Still needed?"', async () => {
    const first = await world();
    const future = PressSchema.parse({
      id: 'future-press',
      siteId: SITE,
      source: 'button',
      pressedAt: first.clock.now() + 3600_000,
      status: 'notSent',
      attempts: 1,
      lastError: 'Cannot reach AURA',
      calloutId: null,
    });
    writeFileSync(join(first.dataDir, 'outbox-staging.json'), JSON.stringify([future]));
    const w = await restart(first);
    await sleep(300);
    expect(ops(w, 'raiseCallout')).toHaveLength(0);
    expect(pressOf(w, 'future-press')).toMatchObject({ status: 'notSent', stale: true });
    expect(pressOf(w, 'future-press')?.lastError).toMatch(/clock changed\): still needed\?$/);
  });
});

describe('15. a 401 on the raise, then a failed token refresh: AURA took nothing', () => {
  it('the press is sent afterwards without "AURA may hold two callouts"', async () => {
    const w = await world();
    await w.client.getToken(); // warm: the raise goes out at once and gets the 401
    w.sim.faults.set([
      { kind: 'refuse401', route: 'raiseCallout', times: 1 },
      { kind: 'error500', route: 'token', times: 1 },
    ]);
    const press = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
    expect(ops(w, 'token').some((r) => r.status === 500)).toBe(true);
    expect(pressOf(w, press.id)).toMatchObject({ mayHoldTwo: false, extraCallouts: 0, via: 'raised' });
    expect(pressOf(w, press.id)?.outcome).not.toContain('may hold two');
  });
});

describe('2. a broken events route does not freeze the stage', () => {
  for (const kind of ['error500', 'truncated'] as const) {
    it(`events answer ${kind} for good: the card still follows the callout's stage`, async () => {
      const w = await world();
      w.sim.faults.set([{ kind, route: 'listCalloutEvents' }]);
      const press = w.desk.trigger(SITE, 'button');
      expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
      const id = pressOf(w, press.id)?.calloutId as string;
      w.sim.state.advance(Number(id), 'dispatch');
      // 5 s polls at 20x: a few polls, not never.
      expect(await until(() => shown(w, id)?.stage === 'dispatched', 5000)).toBe(true);
      w.sim.state.advance(Number(id), 'arrive');
      expect(await until(() => shown(w, id)?.stage === 'arrived', 5000)).toBe(true);
    });
  }
});
