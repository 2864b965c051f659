// A stopped desk's in-flight work is cancelled down to the HTTP call (issue 25 item 3): closing the
// AuraClient ends a request that is still waiting for AURA at once, as a network failure (the raise
// may have reached AURA, so it stays "uncertain"), and the closed client sends nothing more.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuraClient } from '../../electron/core/aura/client';
import { AuraError } from '../../electron/core/aura/errors';

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A server that issues tokens at once and never answers anything else. */
async function silentAura(): Promise<{ baseUrl: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (req.url?.endsWith('/oauth/token')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ accessToken: 'tok', tokenType: 'Bearer', expiresIn: 3600 }));
    }
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/panic-api/v2`, hits };
}

describe('closing an AuraClient', () => {
  it('cancels a raise in flight at once, as a network failure, and refuses new requests', async () => {
    const aura = await silentAura();
    const client = new AuraClient({
      baseUrl: aura.baseUrl,
      clientId: 'c',
      getSecret: async () => 's',
      timeoutMs: 5000,
      keepWarm: false,
    });
    await client.getToken();
    const raise = client.raiseCallout('site_9944');
    const outcome = raise.then(
      () => null,
      (error: unknown) => error,
    );
    while (!aura.hits.some((h) => h.includes('/callouts'))) await new Promise((r) => setTimeout(r, 5));
    const closedAt = performance.now();
    client.close();
    const error = await outcome;
    expect(performance.now() - closedAt).toBeLessThan(1000);
    expect(error).toBeInstanceOf(AuraError);
    expect((error as AuraError).kind).toBe('network');
    const before = aura.hits.length;
    await expect(client.listActiveCallouts()).rejects.toBeInstanceOf(AuraError);
    expect(aura.hits.length).toBe(before);
  });
});
