// Issue 11 item 1: a Fixed Location registered through the desk has the body shape of AURA's
// Property Protect quickstart (test/fixtures/quickstart-fixed-location.json is step 2's body,
// copied verbatim), key for key and type for type; a site registered exactly as the quickstart
// shows is named "Downtown Branch"; the simulator's Training site is that very body.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { QUICKSTART_FIXED_LOCATION } from '../../electron/simulator/state';
import { SiteSchema } from '../../electron/shared/model/site';
import { deskAgainstSimulator } from '../support/sim-desk';

const QUICKSTART = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/quickstart-fixed-location.json'), 'utf8'),
) as Record<string, unknown>;

const shapeOf = (body: Record<string, unknown>): Array<[string, string]> =>
  Object.entries(body).map(([k, v]) => [k, typeof v]);

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function deskRecording(shape: 'a' | 'b') {
  const bodies: Array<{ method: string; path: string; body: Record<string, unknown> }> = [];
  const recording: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (typeof init?.body === 'string' && !url.pathname.endsWith('/oauth/token')) {
      bodies.push({ method: init.method ?? 'GET', path: url.pathname, body: JSON.parse(init.body) });
    }
    return fetch(input, init);
  };
  const { sim, desk, close } = await deskAgainstSimulator({ sim: { shape }, client: { fetch: recording } });
  cleanup.push(close);
  return { sim, desk, bodies };
}

const UPTOWN = {
  externalReferenceId: 'site_9945',
  name: 'Uptown Branch',
  description: '',
  address: '1 Jan Smuts Avenue, Johannesburg',
  latitude: -26.1,
  longitude: 28.05,
  locationTypeId: 3,
  locationIdentifier: '',
};

describe('registering the quickstart way', () => {
  it('the simulator seeds exactly the quickstart body', () => {
    expect({ ...QUICKSTART_FIXED_LOCATION }).toEqual(QUICKSTART);
  });

  it('the desk registers a site with exactly the quickstart keys and types (Set B server)', async () => {
    const { desk, bodies } = await deskRecording('b');
    const site = await desk.handlers['sites.create'](UPTOWN);
    const sent = bodies.find((b) => b.method === 'POST' && b.path.endsWith('/predefinedLocations'));
    expect(sent).toBeDefined();
    expect(shapeOf(sent!.body)).toEqual(shapeOf(QUICKSTART));
    expect(sent!.body).toMatchObject({
      externalReferenceId: 'site_9945',
      locationIdentifier: 'site_9945',
      locationDescription: 'Uptown Branch',
      latitude: '-26.1',
    });
    expect(site.name).toBe('Uptown Branch');
    expect(desk.getState().allSites.map((s) => s.name)).toEqual(['Downtown Branch', 'Uptown Branch']);
  });

  it("adds Set A's name and address only for a Set A server, which then stores the name", async () => {
    const { desk, bodies, sim } = await deskRecording('a');
    await desk.handlers['sites.create'](UPTOWN);
    const sent = bodies.find((b) => b.method === 'POST' && b.path.endsWith('/predefinedLocations'));
    expect(Object.keys(sent!.body)).toEqual([...Object.keys(QUICKSTART), 'name', 'address']);
    expect(sim.state.locationByRef('site_9945')?.locationIdentifier).toBe('Uptown Branch');
    expect(desk.getState().allSites.map((s) => s.name)).toEqual(['Downtown Branch', 'Uptown Branch']);
  });

  it.each(['a', 'b'] as const)('shape %s: the quickstart site shows as "Downtown Branch"', async (shape) => {
    const { desk } = await deskRecording(shape);
    expect(desk.getState().sites.map((s) => [s.id, s.name])).toEqual([['site_9944', 'Downtown Branch']]);
  });

  it('an edit keeps the identifier AURA has; a Set B-named site is renamed where its name lives', async () => {
    const { desk, bodies, sim } = await deskRecording('b');
    await desk.handlers['sites.update']({ ...UPTOWN, externalReferenceId: 'site_9944', name: 'Downtown Branch 2' });
    expect(bodies.at(-1)?.body).toMatchObject({
      locationIdentifier: 'site_9944',
      locationDescription: 'Downtown Branch 2',
    });
    sim.state.addLocation({
      externalReferenceId: 'STORE-001',
      locationIdentifier: 'Long Street Store',
      locationDescription: 'Retail store, ground floor',
      latitude: '-33.9249',
      longitude: '18.4241',
    });
    await desk.handlers['sites.sync']({});
    const store = desk.getState().allSites.find((s) => s.id === 'STORE-001');
    expect(store).toMatchObject({ name: 'Long Street Store', description: 'Retail store, ground floor' });
    await desk.handlers['sites.update']({
      ...UPTOWN,
      externalReferenceId: 'STORE-001',
      name: 'Long Street',
      description: 'Retail store, ground floor',
    });
    expect(bodies.at(-1)?.body).toMatchObject({
      locationIdentifier: 'Long Street',
      locationDescription: 'Retail store, ground floor',
    });
    expect(desk.getState().allSites.find((s) => s.id === 'STORE-001')?.name).toBe('Long Street');
  });

  it('a site saved before identifiers were kept, named by its reference, reads by its description', () => {
    const saved = { id: 'site_9944', name: 'site_9944', address: null, auraId: 99001, description: 'Downtown Branch' };
    expect(SiteSchema.parse(saved)).toMatchObject({
      name: 'Downtown Branch',
      description: null,
      identifier: 'site_9944',
    });
    const setB = { id: 'S1', name: 'Shop', address: null, auraId: 1, description: 'Corner shop' };
    expect(SiteSchema.parse(setB)).toMatchObject({ name: 'Shop', description: 'Corner shop' });
  });
});
