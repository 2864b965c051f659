// The AURA client against the simulator over real HTTP on 127.0.0.1, in both documented shapes.
import { afterEach, describe, expect, it } from 'vitest';
import { AuraClient } from '../../electron/core/aura/client';
import { AuraError } from '../../electron/core/aura/errors';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';

let sim: RunningSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

// A Set A server requires responseTypeId on the raise route; Set B takes no body.
const clientFor = (s: RunningSimulator, secret = 'demo-secret') =>
  new AuraClient({
    baseUrl: s.baseUrl,
    clientId: 'demo',
    getSecret: async () => secret,
    timeoutMs: 3000,
    keepWarm: false,
    raiseDefaults: s.state.shape === 'a' ? { responseTypeId: 2 } : {},
  });

describe.each(['a', 'b'] as const)('AURA client against the simulator, shape %s', (shape) => {
  it('lists the seeded quickstart Fixed Location', async () => {
    sim = await startSimulator({ shape, clientId: 'demo', clientSecret: 'demo-secret' });
    const locations = await clientFor(sim).listFixedLocations();
    expect(locations).toMatchObject([
      {
        id: 99001,
        externalReferenceId: 'site_9944',
        name: 'Downtown Branch',
        address: '123 Main Street, Johannesburg',
        latitude: -26.12345,
        longitude: 28.12345,
      },
    ]);
  });

  it('raises a callout with one request on a warm token, then reads it back', async () => {
    sim = await startSimulator({ shape, clientId: 'demo', clientSecret: 'demo-secret' });
    const client = clientFor(sim);
    await client.getToken();
    const before = sim.requests.length;
    const raised = await client.raiseCallout('site_9944');
    expect(sim.requests.length - before).toBe(1);
    expect(raised.status).toBe('created');
    expect(raised.predefinedLocationId).toBe(99001);

    const again = await client.raiseCallout('site_9944');
    expect(again.id).toBe(raised.id); // the active callout is returned, not a second one

    sim.state.advance(Number(raised.id), 'dispatch');
    const read = await client.getCallout(raised.id);
    expect(read.callout.status).toBe('Responder Dispatched');
    expect(read.closed).toBe(false);
  });

  it("reports an unknown site with AURA's message (a 400, never a 404)", async () => {
    sim = await startSimulator({ shape, clientId: 'demo', clientSecret: 'demo-secret' });
    const error = await clientFor(sim)
      .raiseCallout('no-such-site')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuraError);
    expect((error as AuraError).kind).toBe('unknownSite');
    expect((error as AuraError).status).toBe(400);
    expect((error as AuraError).message).toContain('No predefined location found for externalReferenceId no-such-site');
  });

  it('tells rejected credentials apart, and keeps the secret out of the error', async () => {
    sim = await startSimulator({ shape, clientId: 'demo', clientSecret: 'demo-secret' });
    const error = await clientFor(sim, 'wrong-secret-CANARY')
      .listFixedLocations()
      .catch((e: unknown) => e);
    expect((error as AuraError).kind).toBe('credentialsRejected');
    expect(String((error as AuraError).message)).not.toContain('CANARY');
    expect(JSON.stringify(error)).not.toContain('CANARY');
  });
});

describe('token handling', () => {
  it('exchanges credentials once for many concurrent callers', async () => {
    sim = await startSimulator({ clientId: 'demo', clientSecret: 'demo-secret' });
    const client = clientFor(sim);
    await Promise.all([client.listFixedLocations(), client.listFixedLocations(), client.raiseCallout('site_9944')]);
    expect(sim.requests.filter((r) => r.path.endsWith('/oauth/token'))).toHaveLength(1);
  });

  it('refreshes once and retries once when the server forgets the token', async () => {
    let now = Date.now();
    sim = await startSimulator({
      clientId: 'demo',
      clientSecret: 'demo-secret',
      tokenTtlSeconds: 3600,
      now: () => now,
    });
    const client = new AuraClient({ baseUrl: sim.baseUrl, clientId: 'demo', getSecret: async () => 'demo-secret' });
    await client.listFixedLocations();
    now += 3_600_001; // the server's clock passes the token's expiry; the client's does not
    await client.listFixedLocations();
    expect(sim.requests.filter((r) => r.path.endsWith('/oauth/token'))).toHaveLength(2);
  });

  it('fails with a network error when nothing listens', async () => {
    sim = await startSimulator({ clientId: 'demo', clientSecret: 'demo-secret' });
    const baseUrl = sim.baseUrl;
    await sim.close();
    sim = null;
    const client = new AuraClient({ baseUrl, clientId: 'demo', getSecret: async () => 'demo-secret', timeoutMs: 2000 });
    const error = await client.getToken().catch((e: unknown) => e);
    expect((error as AuraError).kind).toBe('network');
  });
});
