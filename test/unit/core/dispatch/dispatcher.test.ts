// The dispatcher's decisions, with a manual clock and a scripted AURA: when it sends, when it
// checks AURA's active callouts first, how it backs off, and when it stops and says why.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuraError } from '../../../../electron/core/aura/errors';
import { snapshotOf, type CalloutSnapshot, type DispatchPort } from '../../../../electron/core/aura/port';
import { Dispatcher } from '../../../../electron/core/dispatch/dispatcher';
import { ListedCallouts } from '../../../../electron/core/dispatch/listed-callouts';
import { Outbox } from '../../../../electron/core/dispatch/outbox';
import type { Site } from '../../../../electron/shared/model/site';
import { NEW_PRESS_STATE, PressSchema, type Press } from '../../../../electron/shared/model/press';
import { FakeClock } from '../../../support/fake-clock';

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
const callout = (id: string, predefinedLocationId = 99001): CalloutSnapshot =>
  snapshotOf({
    id,
    status: 'created',
    predefinedLocationId,
    createdAt: null,
    incidents: [],
  });

type Step = (() => CalloutSnapshot) | Error;

/** An AURA whose answers to raise are scripted, and whose active list the test controls. */
function scriptedApi(raises: Step[], active: CalloutSnapshot[] = []) {
  const calls: string[] = [];
  const events: Array<{ calloutId: string; text: string }> = [];
  const api: DispatchPort = {
    async sendCalloutEvent(calloutId, text) {
      calls.push(`event ${calloutId}`);
      events.push({ calloutId, text });
    },
    async listCalloutEvents(calloutId) {
      calls.push(`events ${calloutId}`);
      return events.filter((e) => e.calloutId === calloutId);
    },
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
  return { api, calls, active, events };
}

function setup(
  api: DispatchPort | null,
  opts: { followed?: string[]; staleAfterMs?: number; failAfterSent?: boolean; listed?: ListedCallouts } = {},
) {
  const clock = new FakeClock();
  const { outbox } = Outbox.open(join(mkdtempSync(join(tmpdir(), 'dispatch-')), 'outbox.json'), clock.now());
  const sent: Array<{ press: Press; id: string; how: string }> = [];
  const dispatcher = new Dispatcher({
    outbox,
    clock,
    api,
    listed: opts.listed,
    random: () => 0.5, // no jitter: delays are exact
    auraIdOf: async (id) => (id === SITE.id ? SITE.auraId : null),
    follows: (id) => (opts.followed ?? []).includes(id) || sent.some((s) => s.id === id),
    againMessage: (p) => `Panic pressed again — ${p.id}`,
    staleAfterMs: () => opts.staleAfterMs ?? 600_000,
    onStale: () => undefined,
    onSent: (press, id, _c, how) => {
      sent.push({ press, id, how });
      if (opts.failAfterSent) throw Object.assign(new Error('ENOSPC: disk full'), { code: 'ENOSPC' });
    },
    onFailure: () => undefined,
    onContact: () => undefined,
    onChange: () => undefined,
  });
  const press = (): Press => {
    const p: Press = PressSchema.parse({
      id: `p${outbox.all().length + 1}`,
      siteId: SITE.id,
      source: 'button',
      pressedAt: clock.now(),
      ...NEW_PRESS_STATE,
    });
    outbox.add(p);
    dispatcher.dispatch(p.id);
    return p;
  };
  return { clock, outbox, dispatcher, sent, press };
}

describe('dispatcher', () => {
  it('a callout AURA listed before the raise was sent is not the press own: the press goes to it as an event', async () => {
    const listed = new ListedCallouts();
    listed.note(['older']); // a poll's list came back holding it (raised elsewhere, site not shown)
    const aura = scriptedApi([() => callout('older')]);
    const { clock, outbox, sent, press } = setup(aura.api, { listed });
    const p = press();
    await clock.advance(0);
    expect(aura.calls).toEqual(['raise site_9944', 'event older']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', via: 'event', calloutId: 'older' });
    expect(sent.map((x) => x.how)).toEqual(['event']);
  });

  it('a callout first listed after the raise was sent is still the press own', async () => {
    const listed = new ListedCallouts();
    const aura = scriptedApi([
      () => {
        listed.note(['new']); // a poll's list came back while the raise was on its way
        return callout('new');
      },
    ]);
    const { clock, outbox, press } = setup(aura.api, { listed });
    const p = press();
    await clock.advance(0);
    expect(aura.calls).toEqual(['raise site_9944']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', via: 'raised', calloutId: 'new' });
  });

  it('a press AURA has stays sent when the desk cannot record it (issue 20 item 13): no second raise', async () => {
    const aura = scriptedApi([() => callout('1')]);
    const { clock, outbox, sent, press } = setup(aura.api, { failAfterSent: true });
    const p = press();
    await clock.advance(60_000);
    expect(aura.calls).toEqual(['raise site_9944']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', calloutId: '1', lastError: null });
    expect(sent).toHaveLength(1);
  });

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

  it('after a failure whose outcome is unknown, checks, finds nothing, and raises again, saying AURA may hold two', async () => {
    const aura = scriptedApi([new AuraError('network', 'reset'), () => callout('2')]);
    const { clock, outbox, press } = setup(aura.api);
    const p = press();
    await clock.advance(500);
    expect(aura.calls).toEqual(['raise site_9944', 'active', 'raise site_9944']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', calloutId: '2', attempts: 2, mayHoldTwo: true });
  });

  it('after a failure that surely did not reach AURA (429), raises again without checking', async () => {
    const aura = scriptedApi([new AuraError('rateLimited', 'slow down'), () => callout('2')]);
    const { clock, outbox, press } = setup(aura.api);
    const p = press();
    await clock.advance(500);
    expect(aura.calls).toEqual(['raise site_9944', 'raise site_9944']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', calloutId: '2', mayHoldTwo: false });
  });

  it('caps a huge Retry-After at 30 s', async () => {
    const aura = scriptedApi([new AuraError('rateLimited', 'slow down', { retryAfterMs: 999_999_999_000 })]);
    const { clock, press } = setup(aura.api);
    press();
    await clock.advance(0);
    expect(clock.pendingDelays()).toEqual([30_000]);
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
    await clock.advance(59_000);
    expect(aura.calls).toHaveLength(1); // parked: no quick retries against rejected credentials
    expect(outbox.get(p.id)?.status).toBe('notSent');
    expect(outbox.get(p.id)?.lastError).toContain('Fix the credentials in Setup');
    dispatcher.resumeParked(); // what the desk does on any successful AURA contact
    await clock.advance(0);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', calloutId: '4' });
  });

  it('a second press raises; AURA answers with the followed callout, so the press is posted to it as an event', async () => {
    const aura = scriptedApi([() => callout('5')], []);
    const { clock, outbox, sent, press } = setup(aura.api, { followed: ['5'] });
    const p = press();
    await clock.advance(0);
    expect(aura.calls).toEqual(['raise site_9944', 'event 5']);
    expect(aura.events).toEqual([{ calloutId: '5', text: `Panic pressed again — ${p.id}` }]);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', calloutId: '5', via: 'event' });
    expect(sent[0]?.how).toBe('event');
  });

  it('a second press is sent only once AURA accepted the event', async () => {
    const aura = scriptedApi([() => callout('5')], []);
    const post = aura.api.sendCalloutEvent.bind(aura.api);
    let failures = 1;
    aura.api.sendCalloutEvent = async (id, text) => {
      if (failures-- > 0) throw new AuraError('timeout', 'no answer');
      return post(id, text);
    };
    const { clock, outbox, press } = setup(aura.api, { followed: ['5'] });
    const p = press();
    await clock.advance(0);
    expect(outbox.get(p.id)).toMatchObject({ status: 'notSent', eventFor: '5', uncertain: true });
    await clock.advance(2000);
    // The unanswered event did not arrive: the retry looks, then posts it (no raise again).
    expect(aura.calls).toEqual(['raise site_9944', 'events 5', 'event 5']);
    expect(outbox.get(p.id)).toMatchObject({ status: 'sent', via: 'event' });
  });

  it('a press on a site whose last callout has closed raises a new one', async () => {
    const aura = scriptedApi([() => callout('6')], []);
    const { clock, outbox, press } = setup(aura.api, { followed: ['5'] });
    const p = press();
    await clock.advance(0);
    expect(aura.calls).toEqual(['raise site_9944']);
    expect(outbox.get(p.id)).toMatchObject({ calloutId: '6', via: 'raised' });
  });

  it('stops retrying a press not sent within the stale limit and asks; "send now" starts again', async () => {
    const down = new AuraError('network', 'Cannot reach AURA');
    const aura = scriptedApi(Array.from({ length: 100 }, () => down));
    aura.api.listActiveCallouts = async () => {
      throw down;
    };
    const { clock, outbox, dispatcher, press } = setup(aura.api, { staleAfterMs: 60_000 });
    const p = press();
    await clock.advance(75_000);
    expect(outbox.get(p.id)).toMatchObject({ status: 'notSent', stale: true });
    expect(clock.pendingDelays()).toEqual([]);
    const before = outbox.get(p.id)?.attempts ?? 0;
    dispatcher.sendNow(p.id);
    await clock.advance(0);
    expect(outbox.get(p.id)?.attempts).toBe(before + 1);
    expect(outbox.get(p.id)?.stale).toBe(false);
  });

  it('without credentials, keeps the press as NOT SENT until they arrive', async () => {
    const { clock, outbox, press } = setup(null);
    const p = press();
    await clock.advance(0);
    expect(outbox.get(p.id)).toMatchObject({ status: 'notSent', lastError: 'Panic Desk has no AURA credentials yet' });
  });
});

describe('history that does not ride along (issue 25 item 8)', () => {
  it('forgets the age and order of every press once it is sent', async () => {
    const aura = scriptedApi(Array.from({ length: 40 }, (_, i) => () => callout(`c${i}`)));
    const { clock, outbox, dispatcher, press } = setup(aura.api);
    for (let i = 0; i < 40; i++) {
      press();
      await clock.advance(0);
    }
    expect(outbox.all().filter((p) => p.status === 'sent')).toHaveLength(40);
    // Private maps, read here on purpose: they grew with every press of the run before.
    const kept = dispatcher as unknown as { since: Map<string, number>; madeAt: Map<string, number> };
    expect(kept.since.size + kept.madeAt.size).toBe(0);
  });
});
