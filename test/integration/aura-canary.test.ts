// The canary: flows with a recognisable secret and recognisable tokens, through success, every
// error path and a hostile server that echoes credentials back. Nothing logged, thrown or
// inspectable may contain the secret or a bearer token.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { format, inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuraClient } from '../../electron/core/aura/client';
import { startSimulator } from '../../electron/simulator/server';
import { FAULT_KINDS } from '../../electron/shared/model/desk-state';

const SECRET = 'CANARY-SECRET-5d41402abc4b2a76';
const WRONG_SECRET = 'CANARY-WRONG-9b74c9897bac770e';
const ECHO_TOKEN = 'CANARY-TOKEN-e4da3b7fbbce2345';

const logged: string[] = [];
const thrown: unknown[] = [];
const tokensSeen = new Set<string>([ECHO_TOKEN]);
const cleanups: Array<() => Promise<void> | void> = [];

beforeEach(() => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(format(...args)));
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs a step; keeps whatever it throws for inspection. */
async function attempt(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (error) {
    thrown.push(error);
  }
}

function everythingVisible(extra: unknown[]): string {
  const parts = [...logged];
  for (const e of [...thrown, ...extra]) {
    parts.push(String(e), inspect(e, { depth: 20, showHidden: true }));
    try {
      parts.push(JSON.stringify(e) ?? '');
    } catch {
      // circular: inspect above covers it
    }
    if (e instanceof Error) parts.push(e.message, e.stack ?? '');
  }
  return parts.join('\n');
}

describe('no secret or token ever shows', () => {
  it('in success, every fault, rejected credentials, timeouts, a dead server and a hostile one', async () => {
    // 1. The simulator, with the canary secret: every operation, then every fault kind.
    const sim = await startSimulator({ clientId: 'desk', clientSecret: SECRET, closedGet285: true });
    cleanups.push(() => sim.close());
    const client = new AuraClient({
      baseUrl: sim.baseUrl,
      clientId: 'desk',
      getSecret: async () => SECRET,
    });
    cleanups.push(() => client.close());
    // The fault kinds run on a client with a short timeout (the faults add 500 ms, so 'timeout' is
    // thrown); the flows that must succeed keep the default, so a loaded machine cannot fail them.
    const faulty = new AuraClient({
      baseUrl: sim.baseUrl,
      clientId: 'desk',
      getSecret: async () => SECRET,
      timeoutMs: 300,
    });
    cleanups.push(() => faulty.close());
    tokensSeen.add(await client.getToken());
    const { id } = await client.raiseCallout('site_9944');
    await attempt(() => client.listFixedLocations());
    await attempt(() => client.sendCalloutEvent(id, 'hello'));
    await attempt(() => client.listCalloutEvents(id));
    await attempt(() => client.getCalloutMap(id));
    await attempt(() => client.getResolutionReport(id));
    await attempt(() => client.addExceptionReason(id, { exceptionReasonId: 1 }));
    await attempt(() => client.cancelCallout(id));
    sim.state.advance(Number(id), 'close');
    await attempt(() => client.getCallout(id));
    await attempt(() => client.cancelCallout(id));
    await attempt(() => client.raiseCallout('no-such-site'));
    for (const kind of FAULT_KINDS) {
      sim.faults.set([{ kind, latencyMs: 500, every: 1 }]);
      await attempt(() => faulty.listActiveCallouts());
      tokensSeen.add(await faulty.getToken().catch(() => ''));
    }
    sim.faults.clear();
    sim.expireTokens();
    await attempt(() => client.listActiveCallouts());
    tokensSeen.add(await client.getToken());

    // 2. Wrong secret.
    const rejected = new AuraClient({ baseUrl: sim.baseUrl, clientId: 'desk', getSecret: async () => WRONG_SECRET });
    cleanups.push(() => rejected.close());
    await attempt(() => rejected.raiseCallout('site_9944'));

    // 3. A hostile server that echoes the request body (with the secret) and the Authorization
    //    header (with the token) into its error messages and headers.
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url?.endsWith('/oauth/token') && body.includes(WRONG_SECRET)) {
          res.writeHead(400, { 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ message: `bad credentials in ${body}` }));
        }
        if (req.url?.endsWith('/oauth/token')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          return void res.end(JSON.stringify({ access_token: ECHO_TOKEN, expires_in: 3600 }));
        }
        const echo = `you sent ${req.headers.authorization ?? ''} and token ${ECHO_TOKEN} and ${SECRET}`;
        const status = req.url?.includes('/callouts/1') ? 500 : 400;
        res.writeHead(status, { 'content-type': 'text/plain', 'retry-after': '1' });
        res.end(echo);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const hostileUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/panic-api/v2`;
    const hostile = new AuraClient({ baseUrl: hostileUrl, clientId: 'desk', getSecret: async () => SECRET });
    cleanups.push(() => hostile.close());
    await attempt(() => hostile.raiseCallout('site_9944'));
    await attempt(() => hostile.getCallout('1'));
    await attempt(() => hostile.listFixedLocations());
    const hostileWrong = new AuraClient({ baseUrl: hostileUrl, clientId: 'desk', getSecret: async () => WRONG_SECRET });
    cleanups.push(() => hostileWrong.close());
    await attempt(() => hostileWrong.getToken());

    // 4. A dead server (network error) and an unresolvable host.
    await sim.close();
    await attempt(() => client.raiseCallout('site_9944'));
    await attempt(() =>
      new AuraClient({ baseUrl: 'https://canary.invalid/x', clientId: 'd', getSecret: async () => SECRET }).getToken(),
    );

    // The flows really ran: errors of many kinds were thrown and real tokens were handed out.
    const kindsThrown = new Set(thrown.map((e) => (e as { kind?: string }).kind));
    for (const kind of [
      'network',
      'timeout',
      'server',
      'rateLimited',
      'badResponse',
      'unknownSite',
      'credentialsRejected',
      'invalidRequest',
      'notFound',
    ]) {
      expect(kindsThrown).toContain(kind);
    }
    expect([...tokensSeen].filter((t) => t.startsWith('eyJ')).length).toBeGreaterThanOrEqual(2);

    const visible = everythingVisible([client, faulty, rejected, hostile, hostileWrong]);
    expect(visible).toContain('[redacted]'); // the hostile echoes were scrubbed, not dropped unseen
    for (const secret of [SECRET, WRONG_SECRET, ...tokensSeen].filter(Boolean)) {
      expect(visible).not.toContain(secret);
    }
  });
});
