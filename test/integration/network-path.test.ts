// AURA under plain Node (the web harness, aura:check) through a real proxy on loopback, over TLS
// with a certificate from a CA made in this test: the press reaches AURA (the simulator behind a
// TLS front) exactly once through the proxy when the CA file is trusted; without it the desk is
// refused with the certificate words, and a proxy that wants a sign-in is named as such. The
// app's own path (Electron's net.fetch) is tested against a fake in shell-network.test.ts.
import { once } from 'node:events';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProxy, type ProxyServer } from 'proxy';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeNetwork } from '../../electron/core/aura/node-fetch';
import { DeskHost } from '../../electron/core/desk-host';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { NETWORK_PATH_WORDS } from '../../electron/shared/network-path';
import { openFileStore } from '../harness/file-store';
import { memoryVault } from '../fakes/vault';
import { runCommand } from '../support/run-command';
import { HAVE_OPENSSL, makeTestCa, type TestCa } from '../support/test-ca';
import { until } from '../support/until';

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push(() => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))));
  return (server.address() as AddressInfo).port;
}

/** AURA over TLS: a TLS front on 127.0.0.1 that hands each request to the simulator as it came. */
async function auraOverTls(ca: TestCa): Promise<{ aura: RunningSimulator; baseUrl: string }> {
  const aura = await startSimulator({ clientId: 'desk-7', clientSecret: 'right-secret' });
  open.push(() => aura.close());
  const simHost = new URL(aura.origin).host;
  const front = createHttpsServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    const upstream = httpRequest(
      `${aura.origin}${req.url ?? '/'}`,
      { method: req.method, headers: { ...req.headers, host: simHost } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  const port = await listen(front);
  return { aura, baseUrl: `https://127.0.0.1:${port}/panic-api/v2` };
}

/** A real HTTP proxy (CONNECT tunnels) on 127.0.0.1 that counts the tunnels it opened. */
async function proxyOnLoopback(signIn = false): Promise<{ url: string; tunnels: string[] }> {
  const server: ProxyServer = createProxy(createHttpServer());
  if (signIn) server.authenticate = () => false;
  const tunnels: string[] = [];
  server.on('connect', (req: { url?: string }) => tunnels.push(req.url ?? ''));
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, tunnels };
}

async function hostWith(fetchFn: typeof fetch): Promise<DeskHost> {
  const dir = mkdtempSync(join(tmpdir(), 'net-'));
  const h = await DeskHost.open({
    store: await openFileStore(dir),
    dataDir: dir,
    vault: memoryVault(),
    fetch: fetchFn,
  });
  open.push(() => h.close());
  return h;
}

function networkFor(proxy: string, caFile: string | null): typeof fetch {
  const net = nodeNetwork({ env: { HTTPS_PROXY: proxy }, caFile });
  open.push(() => net.close());
  return net.fetch;
}

const custom = (baseUrl: string) => ({
  environment: 'custom' as const,
  baseUrl,
  clientId: 'desk-7',
  clientSecret: 'right-secret',
});

describe.skipIf(!HAVE_OPENSSL)('AURA through a proxy, over TLS (Node)', () => {
  let ca: TestCa;
  beforeAll(() => {
    ca = makeTestCa();
  });

  it('with the CA trusted, a press reaches AURA through the proxy exactly once', async () => {
    const { aura, baseUrl } = await auraOverTls(ca);
    const proxy = await proxyOnLoopback();
    const h = await hostWith(networkFor(proxy.url, ca.caFile));
    expect(await runCommand(h, 'setup.saveCredentials', custom(baseUrl))).toEqual({ ok: true, value: { saved: true } });
    await until(h, (s) => s.readiness.level === 'ready');
    h.trigger('site_9944', 'button');
    await until(h, (s) => s.presses.some((p) => p.status === 'sent'));
    const raised = aura.state.allCallouts();
    expect(raised).toHaveLength(1);
    expect(aura.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/callouts'))).toHaveLength(1);
    // Every exchange went through the proxy's tunnel to the TLS front.
    const front = new URL(baseUrl).host;
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([front]));
  });

  it('without the CA, Setup refuses with the certificate words, not "check the address"', async () => {
    const { aura, baseUrl } = await auraOverTls(ca);
    const proxy = await proxyOnLoopback();
    const h = await hostWith(networkFor(proxy.url, null));
    const saved = await runCommand(h, 'setup.saveCredentials', custom(baseUrl));
    expect(saved).toMatchObject({ ok: false });
    const message = saved.ok ? '' : saved.error.message;
    expect(message).toContain(NETWORK_PATH_WORDS.certUntrusted);
    expect(message).not.toMatch(/check the address/i);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(aura.requests).toHaveLength(0);
  });

  it('a proxy that wants a sign-in is named as such', async () => {
    const { aura, baseUrl } = await auraOverTls(ca);
    const proxy = await proxyOnLoopback(true);
    const h = await hostWith(networkFor(proxy.url, ca.caFile));
    const saved = await runCommand(h, 'setup.saveCredentials', custom(baseUrl));
    expect(saved.ok ? '' : saved.error.message).toContain(NETWORK_PATH_WORDS.proxyAuth);
    expect(aura.requests).toHaveLength(0);
  });
});

if (!HAVE_OPENSSL) {
  describe('AURA through a proxy, over TLS (Node)', () => {
    it.skip('needs /usr/bin/openssl to make a test certificate authority: not found, so skipped', () => undefined);
  });
}
