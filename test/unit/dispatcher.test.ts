// The dispatcher's decisions, with a manual clock and a scripted AURA: when it sends, when it
// checks AURA's active callouts first, how it backs off, and when it stops and says why.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuraError } from '../../electron/core/aura/errors';
import type { AuraCallout } from '../../electron/core/aura/schemas';
import { Dispatcher, type DispatchApi } from '../../electron/core/dispatch/dispatcher';
import { Outbox } from '../../electron/core/dispatch/outbox';
import type { Press, Site } from '../../electron/shared/model';
import { FakeClock } from '../support/fake-clock';

const SITE: Site = {
  id: 'site_9944',
  name: 'Downtown Branch',
  address: null,
  auraId: 99001,
  description: null,
  latitude: null,
  longitude: null,
  locationTypeId: null,
};
const callout = (id: string, predefinedLocationId = 99001): AuraCallout => ({
  id,
  status: 'created',
  predefinedLocationId,
  createdAt: null,
  incidents: [],
});

type Step = (() => AuraCallout) | Error;

/** An AURA whose answers to raise are scripted, and whose active list the test controls. */
function scriptedApi(raises: Step[], active: AuraCallout[] = []) {
  const calls: string[] = [];
  const api: DispatchApi = {
    async raiseCallout(ref) {
      calls.push(`raise ${ref}`);
      const step = raises.shift();
      if (!step) throw new Error('unexpected raise');
      if (step instanceof Error) throw step;
      const created = step();
      active.push(created);
      return created;
    },
    async listActiveCallouts() {
      calls.push('active');
      return [...active];
    },
  };
  return { api, calls, active };
}

function setup(api: DispatchApi | null, opts: { activeCallout?: string | null } = {}) {
  const clock = new FakeClock();
  const { outbox } = Outbox.open(join(mkdtempSync(join(tmpdir(), 'dispatch-')), 'outbox.json'), clock.now());
  const sent: Array<{ press: Press; id: string; how: string }> = [];
  const dispatcher = new Dispatcher({
    outbox,
    clock,
    api,
    random: () => 0.5, // no jitter: delays are exact
    auraIdOf: async (id) => (id === SITE.id ? SITE.auraId : null),
    activeCalloutFor: () => opts.activeCallout ?? null,
    onSent: (press, c, how) => sent.push({ press, id: c.id, how }),
    onFailure: () => undefined,
    onContact: () => undefined,
    onChange: () => undefined,
  });
  const press = (): Press => {
    const p: Press = {
      id: `p${outbox.all().length + 1}`,
      siteId: SITE.id,
      source: 'button',
      pressedAt: clock.now(),
      status: 'queued',
      attempts: 0,
      lastError: null,
      calloutId: null,
      dismissed: false,
    };
    outbox.add(p);
    dispatcher.dispatch(p.id);
    return p;
  };
  return { clock, outbox, dispatcher, sent, press };
}

describe('dispatcher', () => {
  it('sends a first press with exactly one request', async () => {
    const aura = scriptedApi([() => callout('1')]);
    const { clock, outbox, sent, press } = setup(aura.api);
    const p = press();
    await clock.advance(0);
    expect(aura.calls).toEqual(['raise site_9944']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', attempts: 1, calloutId: '1' });
    expect(sent.map((s) => s.how)).toEqual(['raised']);
  });

  it('after a timeout, adopts the callout AURA did create instead of sending again', async () => {
    // The raise reached AURA (it is in the active list) but the answer was lost.
    const aura = scriptedApi([new AuraError('timeout', 'AURA did not answer')]);
    aura.active.push(callout('77'));
    const { clock, outbox, sent, press } = setup(aura.api);
    const p = press();
    await clock.advance(0);
    expect(outbox.get(p.id)).toMatchObject({ status: 'notSent', attempts: 1 });
    // A timed-out request may still be landing at AURA: the check waits for it to settle.
    expect(clock.pendingDelays()).toEqual([2000]);
    await clock.advance(2000);
    expect(aura.calls).toEqual(['raise site_9944', 'active']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', calloutId: '77' });
    expect(sent[0]?.how).toBe('adopted');
  });

  it('after a failure that did not reach AURA, checks, finds nothing, and sends again', async () => {
    const aura = scriptedApi([new AuraError('network', 'reset'), () => callout('2')]);
    const { clock, outbox, press } = setup(aura.api);
    const p = press();
    await clock.advance(500);
    expect(aura.calls).toEqual(['raise site_9944', 'active', 'raise site_9944']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', calloutId: '2', attempts: 2 });
  });

  it('backs off about 0.5 s, 1 s, 2 s, 4 s, 8 s, then every 10 s, and never gives up', async () => {
    const down = new AuraError('network', 'Cannot reach AURA');
    const aura = scriptedApi(Array.from({ length: 12 }, () => down));
    aura.api.listActiveCallouts = async () => {
      aura.calls.push('active');
      throw down;
    };
    const { clock, outbox, press } = setup(aura.api);
    const p = press();
    const delays: number[] = [];
    await clock.advance(0);
    for (let i = 0; i < 8; i++) {
      const [delay] = clock.pendingDelays();
      delays.push(delay ?? -1);
      await clock.advance(delay ?? 0);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
    expect(outbox.get(p.id)).toMatchObject({
      status: 'notSent',
      attempts: 9,
      lastError: 'Cannot reach AURA (no network, or AURA is down)',
    });
  });

  it('honours Retry-After when AURA asks it to slow down', async () => {
    const aura = scriptedApi([new AuraError('rateLimited', 'slow down', { retryAfterMs: 7000 }), () => callout('3')]);
    const { clock, press } = setup(aura.api);
    press();
    await clock.advance(0);
    expect(clock.pendingDelays()).toEqual([7000]);
  });

  it('stops at an unknown site and says what AURA said', async () => {
    const aura = scriptedApi([
      new AuraError('unknownSite', 'AURA does not know site "x"', { auraMessage: 'No predefined location' }),
    ]);
    const { clock, outbox, press } = setup(aura.api);
    const p = press();
    await clock.advance(60_000);
    expect(aura.calls).toEqual(['raise site_9944']);
    expect(outbox.get(p.id)).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('No predefined location'),
    });
  });

  it('stops when AURA answers that the panic conflicts with its current state (409)', async () => {
    const aura = scriptedApi([
      new AuraError('conflict', 'conflict', { status: 409, auraMessage: 'Location is disabled' }),
    ]);
    const { clock, outbox, press } = setup(aura.api);
    const p = press();
    await clock.advance(60_000);
    expect(aura.calls).toEqual(['raise site_9944']);
    expect(outbox.get(p.id)).toMatchObject({
      status: 'failed',
      lastError: 'AURA refused the request: Location is disabled',
    });
  });

  it('holds a press while the credentials are rejected, and sends it when resumed', async () => {
    const aura = scriptedApi([
      new AuraError('credentialsRejected', 'AURA rejected the client ID or secret'),
      () => callout('4'),
    ]);
    const { clock, outbox, dispatcher, press } = setup(aura.api);
    const p = press();
    await clock.advance(60_000);
    expect(aura.calls).toHaveLength(1); // no blind retries against rejected credentials
    expect(outbox.get(p.id)?.status).toBe('notSent');
    expect(outbox.get(p.id)?.lastError).toContain('Fix the credentials in Setup');
    dispatcher.resumeAll(); // what the desk does when new credentials are saved
    await clock.advance(0);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', calloutId: '4' });
  });

  it('a second press on a site with an active callout joins it: no second incident', async () => {
    const aura = scriptedApi([], [callout('5')]);
    const { clock, outbox, sent, press } = setup(aura.api, { activeCallout: '5' });
    const p = press();
    await clock.advance(0);
    expect(aura.calls).toEqual(['active']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', calloutId: '5' });
    expect(sent[0]?.how).toBe('adopted');
  });

  it('a press on a site whose last callout has closed raises a new one', async () => {
    const aura = scriptedApi([() => callout('6')], []);
    const { clock, outbox, press } = setup(aura.api, { activeCallout: '5' });
    const p = press();
    await clock.advance(0);
    expect(aura.calls).toEqual(['active', 'raise site_9944']);
    expect(outbox.get(p.id)?.calloutId).toBe('6');
  });

  it('without credentials, keeps the press as NOT SENT until they arrive', async () => {
    const { clock, outbox, press } = setup(null);
    const p = press();
    await clock.advance(0);
    expect(outbox.get(p.id)).toMatchObject({ status: 'notSent', lastError: 'Panic Desk has no AURA credentials yet' });
  });
});
