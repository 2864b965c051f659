// Every client operation against the simulator over real HTTP, in both documented shapes.
import { afterEach, describe, expect, it } from 'vitest';
import { AuraClient } from '../../electron/core/aura/client';
import { AuraError } from '../../electron/core/aura/errors';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../electron/simulator/server';

let sim: RunningSimulator | null = null;
let client: AuraClient | null = null;
afterEach(async () => {
  client?.close();
  await sim?.close();
  sim = null;
  client = null;
});

async function setup(options: SimulatorOptions = {}): Promise<{ sim: RunningSimulator; client: AuraClient }> {
  sim = await startSimulator({ clientId: 'desk', clientSecret: 'desk-secret', ...options });
  client = new AuraClient({
    baseUrl: sim.baseUrl,
    clientId: 'desk',
    getSecret: async () => 'desk-secret',
    timeoutMs: 3000,
    // A Set A server requires responseTypeId on the raise route; Set B takes no body.
    raiseDefaults: options.shape === 'a' ? { responseTypeId: 2 } : {},
  });
  return { sim, client };
}

async function failure(promise: Promise<unknown>): Promise<AuraError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuraError);
  return error as AuraError;
}

const STORE = {
  externalReferenceId: 'STORE-001',
  name: 'Long Street Store',
  latitude: -33.9249,
  longitude: 18.4241,
  address: '1 Long St, Cape Town',
};

describe.each(['a', 'b'] as const)('shape %s', (shape) => {
  it('creates, gets, updates, finds and deletes a Fixed Location, coordinates sent as strings', async () => {
    const { sim, client } = await setup({ shape });
    const created = await client.createFixedLocation(STORE);
    expect(created).toMatchObject({
      externalReferenceId: 'STORE-001',
      name: 'Long Street Store',
      address: '1 Long St, Cape Town',
      latitude: -33.9249,
      longitude: 18.4241,
    });
    expect(sim.state.location(created.id)?.latitude).toBe('-33.9249');
    expect(await client.getFixedLocation(created.id)).toEqual(created);

    const updated = await client.updateFixedLocation(created.id, { ...STORE, name: 'Long Street', latitude: '-33.92' });
    expect(updated).toMatchObject({ id: created.id, name: 'Long Street', latitude: -33.92 });
    expect((await client.findFixedLocationByRef('STORE-001'))?.name).toBe('Long Street');
    expect((await client.listFixedLocations()).map((l) => l.externalReferenceId)).toEqual(['site_9944', 'STORE-001']);

    await client.deleteFixedLocation(created.id);
    expect(await client.findFixedLocationByRef('STORE-001')).toBeNull();
    expect((await failure(client.getFixedLocation(created.id))).kind).toBe('notFound');
    // A deleted reference is an unknown site on the raise route (a 400, per the docs).
    expect((await failure(client.raiseCallout('STORE-001'))).kind).toBe('unknownSite');
  });

  it('refuses a duplicate reference as a conflict and an unknown id as not found', async () => {
    const { client } = await setup({ shape });
    expect((await failure(client.createFixedLocation({ ...STORE, externalReferenceId: 'site_9944' }))).kind).toBe(
      'conflict',
    );
    expect((await failure(client.updateFixedLocation(123456, STORE))).kind).toBe('notFound');
    expect((await failure(client.deleteFixedLocation(123456))).kind).toBe('notFound');
  });

  it('raises with one request, gets the active callout back on a second raise, and lists it as active', async () => {
    const { sim, client } = await setup({ shape });
    await client.getToken();
    const before = sim.requests.length;
    const first = await client.raise('site_9944');
    expect(sim.requests.length - before).toBe(1);
    expect(first.status).toBe(201);
    expect(first.callout).toMatchObject({ status: 'created', predefinedLocationId: 99001 });
    const second = await client.raise('site_9944');
    expect(second.status).toBe(200);
    expect(second.callout.id).toBe(first.callout.id);
    if (shape === 'b') expect(second.message).toBe('Active callout already exists for this location');
    const active = await client.listActiveCallouts();
    expect(active.map((c) => c.id)).toEqual([first.callout.id]);
  });

  it('sends the optional raise fields of its doc set', async () => {
    const { sim, client } = await setup({ shape });
    const body = shape === 'a' ? { responseTypeId: 1, calloutClassificationId: 1 } : { installerIdentifier: 'ACME' };
    const raised = await client.raiseCallout('site_9944', body);
    const stored = sim.state.callout(Number(raised.id));
    if (shape === 'a') expect(stored).toMatchObject({ responseTypeId: 1, calloutClassificationId: 1 });
    else expect(stored?.installerIdentifier).toBe('ACME');
  });

  it('follows a callout through its stages, with the responder where the shape carries it', async () => {
    const { sim, client } = await setup({ shape });
    const { id } = await client.raiseCallout('site_9944');
    sim.state.advance(Number(id), 'dispatch');
    const dispatched = await client.getCallout(id);
    expect(dispatched).toMatchObject({ closed: false, callout: { status: 'Responder Dispatched' } });
    if (shape === 'b') {
      expect(dispatched.callout.responder).toEqual({
        name: 'Unit 12',
        phone: '+27 82 555 0112',
        supplier: 'Simulated Response Co.',
      });
      expect(dispatched.callout.incidents[0]?.dispatchedAt).toBeTruthy();
    } else {
      expect(dispatched.callout.responder).toBeNull(); // Set A's flat callout has no incidentInformation
    }
    sim.state.advance(Number(id), 'arrive');
    sim.state.advance(Number(id), 'complete');
    sim.state.advance(Number(id), 'close');
    expect((await client.getCallout(id)).callout.status).toBe('Closed');
    expect(await client.listActiveCallouts()).toEqual([]);
    expect((await failure(client.getCallout('424242'))).kind).toBe('notFound');
  });

  it('reads and sends callout events', async () => {
    const { client } = await setup({ shape });
    const { id } = await client.raiseCallout('site_9944');
    expect(await client.listCalloutEvents(id)).toEqual([]);
    const sent = await client.sendCalloutEvent(id, 'Keyholder on the way');
    expect(sent).toMatchObject({ calloutId: id, message: 'Keyholder on the way' });
    expect((await client.listCalloutEvents(id)).map((e) => e.message)).toEqual(['Keyholder on the way']);
    expect((await failure(client.sendCalloutEvent(id, '   '))).kind).toBe('invalidRequest');
  });

  it('cancels without a safeCode after attaching a reason; the callout stays active until closed', async () => {
    const { sim, client } = await setup({ shape });
    const { id } = await client.raiseCallout('site_9944');
    const reasons = await client.listExceptionReasons(id);
    expect(reasons).toContainEqual({ id: 102, reason: 'False alarm triggered' });
    const added = await client.addExceptionReason(id, { exceptionReasonId: 102, notes: 'Keyholder confirmed' });
    expect(added.reason).toBe('False alarm triggered');
    expect(sim.state.reasonsOf(Number(id))).toMatchObject([{ exceptionReasonId: 102, notes: 'Keyholder confirmed' }]);
    expect((await failure(client.addExceptionReason(id, { exceptionReasonId: 999 }))).kind).toBe('invalidRequest');

    const cancelled = await client.cancelCallout(id);
    expect(cancelled).toMatchObject({ closed: false, callout: { id, status: 'Responder Cancelled' } });
    expect(sim.state.callout(Number(id))?.cancelledWithSafeCode).toBe(false);
    expect((await client.listActiveCallouts()).map((c) => c.id)).toEqual([id]);
    sim.state.advance(Number(id), 'close');
    expect((await failure(client.cancelCallout(id))).kind).toBe('invalidRequest');
  });

  it('serves the map and the resolution report only after close', async () => {
    const { sim, client } = await setup({ shape });
    const { id } = await client.raiseCallout('site_9944');
    const early = await failure(client.getCalloutMap(id));
    expect(early.kind).toBe('notFound');
    expect(early.message).toContain('only once it is closed');
    expect((await failure(client.getResolutionReport(id))).kind).toBe('notFound');
    for (const step of ['dispatch', 'arrive', 'complete', 'close'] as const) sim.state.advance(Number(id), step);
    expect(await client.getCalloutMap(id)).toEqual({
      url: `https://maps.aura.services/static/callouts/${id}/map.png`,
      image: null,
    });
    expect(await client.getResolutionReport(id)).toMatchObject({
      calloutId: id,
      outcome: 'Responder completed',
      responseTimeSeconds: 0,
      resolutionTimeSeconds: 0,
    });
  });

  it('reads HTTP 285 as closed (stop polling) with the latest state in the body', async () => {
    const { sim, client } = await setup({ shape, closedGet285: true });
    const { id } = await client.raiseCallout('site_9944');
    expect((await client.getCallout(id)).closed).toBe(false);
    sim.state.advance(Number(id), 'close');
    expect(await client.getCallout(id)).toMatchObject({ closed: true, callout: { id, status: 'Closed' } });
    expect(sim.requests.at(-1)?.status).toBe(285);
  });
});

describe('token', () => {
  it('reads both token spellings and keeps one token for every call', async () => {
    for (const shape of ['a', 'b'] as const) {
      const { sim, client } = await setup({ shape });
      await client.listFixedLocations();
      await client.raiseCallout('site_9944');
      await client.listActiveCallouts();
      expect(sim.requests.filter((r) => r.op === 'token')).toHaveLength(1);
      expect(client.tokenIsWarm).toBe(true);
      client.close();
      await sim.close();
    }
    sim = null;
    client = null;
  });

  it('refreshes once and retries once when the server expires the token early (a raise too)', async () => {
    const { sim, client } = await setup();
    await client.getToken();
    sim.expireTokens();
    const raised = await client.raiseCallout('site_9944');
    expect(raised.status).toBe('created');
    expect(sim.requests.map((r) => `${r.op}:${r.status}`)).toEqual([
      'token:200',
      'raiseCallout:401',
      'token:200',
      'raiseCallout:201',
    ]);
    expect(sim.state.allCallouts()).toHaveLength(1);
  });
});
