// Every error kind of the client, and one test per simulator fault kind, over real HTTP.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuraClient } from '../../electron/core/aura/client';
import type { AuraClientOptions } from '../../electron/core/aura/client-options';
import { AuraError, type AuraErrorKind } from '../../electron/core/aura/errors';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(options: Parameters<typeof startSimulator>[0] = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ clientId: 'desk', clientSecret: 'desk-secret', ...options });
  cleanups.push(() => sim.close());
  return sim;
}

function clientOf(baseUrl: string, options: Partial<AuraClientOptions> = {}): AuraClient {
  const client = new AuraClient({
    baseUrl,
    clientId: 'desk',
    getSecret: async () => 'desk-secret',
    timeoutMs: 2000,
    keepWarm: false,
    ...options,
  });
  cleanups.push(() => client.close());
  return client;
}

/** A hand-written server for answers the simulator never gives (HTML 200, wrong types, redirects). */
async function rawServer(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/panic-api/v2`;
}

/** A raw server that grants tokens and answers every other request with `answer`. */
function grantingTokens(answer: RequestListener): RequestListener {
  return (req, res) => {
    if (req.url?.endsWith('/oauth/token')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ accessToken: 'raw-token-123456', expiresIn: 3600 }));
      return;
    }
    answer(req, res);
  };
}

async function kindOf(promise: Promise<unknown>): Promise<AuraErrorKind> {
  return (await errorOf(promise)).kind;
}

async function errorOf(promise: Promise<unknown>): Promise<AuraError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AuraError)) throw new Error(`expected an AuraError, got ${String(error)}`);
  return error;
}

describe('error kinds', () => {
  it('network: nothing listens', async () => {
    const sim = await simulator();
    const baseUrl = sim.baseUrl;
    await sim.close();
    expect(await kindOf(clientOf(baseUrl).getToken())).toBe('network');
  });

  it('timeout: AURA answers after the request timeout', async () => {
    const sim = await simulator({ faults: [{ kind: 'latency', route: 'listFixedLocations', latencyMs: 2000 }] });
    const error = await errorOf(clientOf(sim.baseUrl, { timeoutMs: 150 }).listFixedLocations());
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('within 150 ms');
  });

  it('unauthorized: still a 401 after one refresh and one retry', async () => {
    const sim = await simulator({ faults: [{ kind: 'tokenExpiry', route: 'getCallout' }] });
    const error = await errorOf(clientOf(sim.baseUrl).getCallout('992011'));
    expect(error.kind).toBe('unauthorized');
    expect(sim.requests.map((r) => r.op)).toEqual(['token', 'getCallout', 'token', 'getCallout']);
  });

  it('credentialsRejected: the token exchange itself is refused (its body never quoted)', async () => {
    const sim = await simulator();
    const error = await errorOf(clientOf(sim.baseUrl, { getSecret: async () => 'wrong' }).listFixedLocations());
    expect(error).toMatchObject({
      kind: 'credentialsRejected',
      status: 401,
      auraMessage: null,
    });
  });

  it("unknownSite: a 400 on the raise route, with AURA's message", async () => {
    const sim = await simulator();
    const error = await errorOf(clientOf(sim.baseUrl).raiseCallout('STORE-999'));
    expect(error).toMatchObject({
      kind: 'unknownSite',
      status: 400,
      auraMessage: 'No predefined location found for externalReferenceId STORE-999',
    });
  });

  it('invalidRequest: a 400 that does not speak of the site, on the raise route and elsewhere', async () => {
    const sim = await simulator({ shape: 'a' }); // Set A requires responseTypeId
    const client = clientOf(sim.baseUrl);
    const error = await errorOf(client.raiseCallout('site_9944'));
    expect(error.kind).toBe('invalidRequest');
    expect(error.auraMessage).toContain('responseTypeId');
    const { id } = await client.raiseCallout('site_9944', { responseTypeId: 2 });
    expect(await kindOf(client.addExceptionReason(id, { exceptionReasonId: 7 }))).toBe('invalidRequest');
  });

  it('notFound, conflict, forbidden', async () => {
    const sim = await simulator();
    const client = clientOf(sim.baseUrl);
    expect(await kindOf(client.getCallout('1'))).toBe('notFound');
    const dup = { externalReferenceId: 'site_9944', name: 'Again', latitude: 1, longitude: 1 };
    expect(await kindOf(client.createFixedLocation(dup))).toBe('conflict');
    const baseUrl = await rawServer(
      grantingTokens((_req, res) => {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'No active subscription' }));
      }),
    );
    const forbidden = await errorOf(clientOf(baseUrl).raiseCallout('site_9944'));
    expect(forbidden).toMatchObject({ kind: 'forbidden', auraMessage: 'No active subscription' });
  });

  it('server: 500 with a message and 502 with an HTML page', async () => {
    const sim = await simulator({
      faults: [
        { kind: 'error500', route: 'listFixedLocations' },
        { kind: 'error502', route: 'listActiveCallouts' },
      ],
    });
    const client = clientOf(sim.baseUrl);
    expect(await errorOf(client.listFixedLocations())).toMatchObject({
      kind: 'server',
      status: 500,
      auraMessage: 'Internal server error',
    });
    const gateway = await errorOf(client.listActiveCallouts());
    expect(gateway).toMatchObject({ kind: 'server', status: 502, auraMessage: null });
    expect(gateway.message).not.toContain('<html>');
  });

  it('rateLimited: 429 with Retry-After in seconds', async () => {
    const sim = await simulator({ faults: [{ kind: 'rateLimited', route: 'getCallout', retryAfterSeconds: 7 }] });
    expect(await errorOf(clientOf(sim.baseUrl).getCallout('992011'))).toMatchObject({
      kind: 'rateLimited',
      status: 429,
      retryAfterMs: 7000,
    });
  });

  it('badResponse: truncated JSON, an HTML page with 200, wrong types, a body over the cap, a redirect', async () => {
    const sim = await simulator({ faults: [{ kind: 'truncated', route: 'listFixedLocations' }] });
    const truncated = await errorOf(clientOf(sim.baseUrl).listFixedLocations());
    expect(truncated.kind).toBe('badResponse');
    expect(truncated.message).toContain('truncated JSON');

    const capped = await errorOf(clientOf((await simulator()).baseUrl, { maxBodyBytes: 200 }).listFixedLocations());
    expect(capped.kind).toBe('badResponse');
    expect(capped.message).toContain('larger than 200 bytes');

    const routes: Record<string, [number, Record<string, string>, string]> = {
      '/panic-api/v2/predefinedLocations': [200, { 'content-type': 'text/html' }, '<html><body>Login</body></html>'],
      '/panic-api/v2/callouts/1': [200, { 'content-type': 'application/json' }, '{"id":1,"status":42}'],
      '/panic-api/v2/callouts/activeCallouts': [307, { location: 'https://elsewhere.example/steal' }, ''],
    };
    const baseUrl = await rawServer(
      grantingTokens((req, res) => {
        const [status, headers, body] = routes[req.url ?? ''] ?? [404, {}, ''];
        res.writeHead(status, headers);
        res.end(body);
      }),
    );
    const client = clientOf(baseUrl);
    const html = await errorOf(client.listFixedLocations());
    expect(html).toMatchObject({ kind: 'badResponse', status: 200 });
    expect(html.message).toContain('an HTML page');
    const wrongType = await errorOf(client.getCallout('1'));
    expect(wrongType.kind).toBe('badResponse');
    expect(wrongType.message).toContain('status');
    expect(await kindOf(client.listActiveCallouts())).toBe('badResponse');
  });
});

describe('one test per simulator fault', () => {
  it('latency below the timeout only slows the answer', async () => {
    const sim = await simulator({ faults: [{ kind: 'latency', latencyMs: 50, times: 1 }] });
    expect(await clientOf(sim.baseUrl).listFixedLocations()).toHaveLength(1);
    expect(sim.requests[0]?.fault).toBe('latency');
  });

  it('reset before handling: a network error and nothing done', async () => {
    const sim = await simulator({ faults: [{ kind: 'reset', route: 'raiseCallout', times: 1 }] });
    const client = clientOf(sim.baseUrl);
    expect(await kindOf(client.raiseCallout('site_9944'))).toBe('network');
    expect(sim.state.allCallouts()).toHaveLength(0);
  });

  it('reset after handling: a network error although AURA raised the callout (found in activeCallouts)', async () => {
    const sim = await simulator({ faults: [{ kind: 'reset', route: 'raiseCallout', times: 1, afterHandling: true }] });
    const client = clientOf(sim.baseUrl);
    expect(await kindOf(client.raiseCallout('site_9944'))).toBe('network');
    const active = await client.listActiveCallouts();
    expect(active.map((c) => c.predefinedLocationId)).toEqual([99001]);
  });

  it('error500 then recovery on the next request', async () => {
    const sim = await simulator({ faults: [{ kind: 'error500', route: 'getCallout', times: 1 }] });
    const client = clientOf(sim.baseUrl);
    const { id } = await client.raiseCallout('site_9944');
    expect(await kindOf(client.getCallout(id))).toBe('server');
    expect((await client.getCallout(id)).callout.id).toBe(id);
  });

  it('error502 on the token exchange', async () => {
    const sim = await simulator({ faults: [{ kind: 'error502', route: 'token', times: 1 }] });
    const client = clientOf(sim.baseUrl);
    expect(await kindOf(client.getToken())).toBe('server');
    expect(await client.getToken()).toMatch(/^eyJ/);
  });

  it('rateLimited on every second read', async () => {
    const sim = await simulator({ faults: [{ kind: 'rateLimited', route: 'listFixedLocations', skip: 1, every: 2 }] });
    const client = clientOf(sim.baseUrl);
    const outcomes = [];
    for (let i = 0; i < 4; i++)
      outcomes.push(
        await client.listFixedLocations().then(
          () => 'ok',
          (e: AuraError) => e.kind,
        ),
      );
    expect(outcomes).toEqual(['ok', 'rateLimited', 'ok', 'rateLimited']);
  });

  it('truncated after handling: the raise happened, the answer is unusable', async () => {
    const sim = await simulator({ faults: [{ kind: 'truncated', route: 'raiseCallout', times: 1 }] });
    const client = clientOf(sim.baseUrl);
    expect(await kindOf(client.raiseCallout('site_9944'))).toBe('badResponse');
    expect(sim.state.activeCallouts()).toHaveLength(1);
  });

  it('tokenExpiry once: the client refreshes and retries without the caller noticing', async () => {
    const sim = await simulator({ faults: [{ kind: 'tokenExpiry', route: 'raiseCallout', times: 1 }] });
    const client = clientOf(sim.baseUrl);
    await client.getToken();
    expect((await client.raiseCallout('site_9944')).status).toBe('created');
    expect(sim.requests.filter((r) => r.op === 'token')).toHaveLength(2);
    expect(sim.state.allCallouts()).toHaveLength(1);
  });
});
