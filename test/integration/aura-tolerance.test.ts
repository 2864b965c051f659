// Issue 11 item 2: tolerant reads, each against the simulator answering the odd-but-plausible
// way (SimulatorOptions.quirks), in both documented shapes. Without a quirk the simulator keeps
// the documented shapes (checked last).
import { afterEach, describe, expect, it } from 'vitest';
import { AuraClient, type SkippedItems } from '../../electron/core/aura/client';
import { AuraError } from '../../electron/core/aura/errors';
import { stageFromStatus } from '../../electron/core/aura/status';
import type { SimQuirk } from '../../electron/simulator/quirks';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function setup(shape: 'a' | 'b', quirks: SimQuirk[]): Promise<{ sim: RunningSimulator; client: AuraClient }> {
  const sim = await startSimulator({ clientId: 'tol', clientSecret: 'tol-secret', shape, quirks });
  const client = new AuraClient({
    baseUrl: sim.baseUrl,
    clientId: 'tol',
    getSecret: async () => 'tol-secret',
    timeoutMs: 3000,
    raiseDefaults: shape === 'a' ? { responseTypeId: 2 } : {},
  });
  cleanup.push(
    () => sim.close(),
    () => client.close(),
  );
  return { sim, client };
}

async function rawJson(sim: RunningSimulator, path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(sim.baseUrl + path, init);
  return res.json();
}

describe.each(['a', 'b'] as const)('shape %s', (shape) => {
  it('a token answer without a lifetime: one hour is assumed and calls are made', async () => {
    const { sim, client } = await setup(shape, ['tokenWithoutLifetime']);
    const raw = await rawJson(sim, '/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'tol', clientSecret: 'tol-secret' }),
    });
    expect(raw).not.toHaveProperty(shape === 'a' ? 'expires_in' : 'expiresIn');
    expect((await client.listFixedLocations()).map((l) => l.externalReferenceId)).toEqual(['site_9944']);
    expect(client.tokenIsWarm).toBe(true);
    // The 401 refresh is the backstop when the real lifetime is shorter than assumed.
    sim.expireTokens();
    expect(await client.listActiveCallouts()).toEqual([]);
  });

  it('a token under another key is found', async () => {
    const { client } = await setup(shape, ['tokenUnderOtherKey']);
    expect((await client.raise('site_9944')).callout.id).toMatch(/^\d+$/);
  });

  it("a raise answer naming the id `calloutId` gives the callout's id", async () => {
    const { sim, client } = await setup(shape, ['calloutIdKey']);
    const raised = await client.raise('site_9944');
    expect(raised.callout.id).toBe(String(sim.state.allCallouts()[0]?.id));
  });

  it('a raise answer without a status reads as created', async () => {
    const { client } = await setup(shape, ['raiseWithoutStatus']);
    const raised = await client.raise('site_9944');
    expect(raised.callout.status).toBe('created');
    expect(stageFromStatus(raised.callout.status)).toBe('created');
  });

  it('numeric strings where numbers are documented are read as numbers', async () => {
    const { sim, client } = await setup(shape, ['numericStrings']);
    const raised = await client.raise('site_9944');
    const location = sim.state.activeLocations()[0];
    expect(raised.callout.predefinedLocationId).toBe(location?.id);
    expect((await client.listActiveCallouts())[0]?.predefinedLocationId).toBe(location?.id);
    expect((await client.getCallout(raised.callout.id)).callout.predefinedLocationId).toBe(location?.id);
    const [listed] = await client.listFixedLocations();
    expect(listed?.id).toBe(location?.id);
    expect(listed?.locationTypeId).toBe(shape === 'b' ? 3 : null); // Set A has no type field
  });

  it('an error `message` sent as an array is joined, not lost as "Bad Request"', async () => {
    const { client } = await setup(shape, ['messageArray']);
    const error = await client.raise('NO-SUCH-SITE').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuraError);
    expect((error as AuraError).kind).toBe('unknownSite');
    expect((error as AuraError).auraMessage).toBe(
      'No predefined location found for externalReferenceId NO-SUCH-SITE; See the API reference',
    );
  });

  it('a negated status word ("Not dispatched") is unknown, never dispatched', async () => {
    const { client } = await setup(shape, ['negatedStatus']);
    const raised = await client.raise('site_9944');
    expect(raised.callout.status).toBe('Not dispatched');
    expect(stageFromStatus(raised.callout.status)).toBe('unknown');
  });

  it('one odd list item is skipped and reported, the rest used', async () => {
    const { client } = await setup(shape, ['oddListItem']);
    const reports: SkippedItems[] = [];
    client.onSkippedItems((r) => reports.push(r));
    const raised = await client.raise('site_9944');
    expect((await client.listActiveCallouts()).map((c) => c.id)).toEqual([raised.callout.id]);
    expect((await client.listFixedLocations()).map((l) => l.externalReferenceId)).toEqual(['site_9944']);
    expect(reports.map((r) => r.list)).toEqual(['GET /callouts/activeCallouts', 'GET /predefinedLocations']);
    expect(reports[0]?.items[0]).toMatchObject({ index: 0, id: '1' });
    expect(reports[1]?.items[0]?.reason).toMatch(/externalReferenceId/);
  });

  it('without quirks the simulator emits the documented shapes', async () => {
    const { sim, client } = await setup(shape, []);
    const token = await rawJson(sim, '/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'tol', clientSecret: 'tol-secret' }),
    });
    expect(Object.keys(token as object).sort()).toEqual(
      shape === 'a' ? ['access_token', 'expires_in', 'token_type'] : ['accessToken', 'expiresIn', 'tokenType'],
    );
    const bearer = { authorization: `Bearer ${await client.getToken()}` };
    const raised = (await rawJson(sim, '/predefinedLocations/externalRef/site_9944/callouts', {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify(shape === 'a' ? { responseTypeId: 2 } : {}),
    })) as Record<string, unknown>;
    const callout = (shape === 'a' ? raised : raised.callout) as Record<string, unknown>;
    expect(typeof callout.id).toBe('number');
    expect(callout.status).toBe('created');
    expect(typeof callout.predefinedLocationId).toBe('number');
    const missing = (await rawJson(sim, '/predefinedLocations/externalRef/NOPE/callouts', {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify(shape === 'a' ? { responseTypeId: 2 } : {}),
    })) as Record<string, unknown>;
    expect(typeof missing.message).toBe('string');
    const active = await rawJson(sim, '/callouts/activeCallouts', { headers: bearer });
    const list = (shape === 'a' ? active : (active as { callouts: unknown[] }).callouts) as Array<
      Record<string, unknown>
    >;
    expect(list.every((c) => typeof c.status === 'string')).toBe(true);
  });
});

describe('a Set A server whose token answer uses neither spelling', () => {
  it("still gets Set A's name when it asks for it (one retry after its 400)", async () => {
    const { sim, client } = await setup('a', ['tokenUnderOtherKey']);
    const created = await client.createFixedLocation({
      externalReferenceId: 'STORE-9',
      name: 'Store Nine',
      latitude: -33.9,
      longitude: 18.4,
    });
    expect(created.name).toBe('Store Nine');
    const creates = sim.requests.filter((r) => r.op === 'createFixedLocation').map((r) => r.status);
    expect(creates).toEqual([400, 201]);
  });
});
