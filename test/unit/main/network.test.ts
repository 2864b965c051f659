// Main's network wiring on the fake Electron: the desk, Setup's credential check and full check,
// and `--enrol` (after app.whenReady) all reach AURA through Electron's net.fetch, never Node's
// fetch; and when Chromium fails with its own errors (proxy, certificate), readiness, the press
// and Setup name the cause in plain words instead of blaming the address.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuraClient } from '../../../electron/core/aura/client';
import { AuraError } from '../../../electron/core/aura/errors';
import { DiagnosticsLog } from '../../../electron/core/diagnostics/log';
import { silentLogger } from '../../../electron/core/ports';
import { auraFetch } from '../../../electron/main/aura-fetch';
import { openAppHost } from '../../../electron/main/app-host';
import { enrolCommand } from '../../../electron/main/enrol-cli';
import { startSimulator, type RunningSimulator } from '../../../electron/simulator/server';
import { NETWORK_PATH_WORDS, type NetworkPathCause } from '../../../electron/shared/network-path';
import { setupErrorOf } from '../../../renderer/src/features/setup/setupErrors';
import { createFakeElectron, type FakeElectronOptions } from '../../fakes/electron';
import { memoryStore } from '../../fakes/store';
import { memoryVault } from '../../fakes/vault';
import { runCommand } from '../../support/run-command';
import { until } from '../../support/until';

const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

async function sim(): Promise<RunningSimulator> {
  const s = await startSimulator({ clientId: 'desk-7', clientSecret: 'right-secret' });
  open.push(() => s.close());
  return s;
}

async function appHost(fakeOptions: FakeElectronOptions = {}) {
  const fake = createFakeElectron(fakeOptions);
  await fake.app.whenReady();
  const dir = mkdtempSync(join(tmpdir(), 'shell-net-'));
  const host = await openAppHost(fake.api.net, {
    store: memoryStore(),
    storeProblem: null,
    dataDir: dir,
    vault: memoryVault(),
    log: new DiagnosticsLog(silentLogger),
    readPolicy: async () => null,
    watchPolicy: () => () => undefined,
  });
  open.push(() => host.close());
  return { fake, host };
}

const custom = (baseUrl: string) => ({
  environment: 'custom' as const,
  baseUrl,
  clientId: 'desk-7',
  clientSecret: 'right-secret',
});

/** The AURA routes the simulator answered (its own control routes aside). */
const auraRequests = (aura: RunningSimulator) => aura.requests.filter((r) => r.path.startsWith('/panic-api/'));

describe('main hands Electron’s net.fetch to every AURA call', () => {
  it('the desk and Setup’s credential check go through net.fetch, and nothing else reaches AURA', async () => {
    const aura = await sim();
    const { fake, host } = await appHost();
    expect(await runCommand(host, 'setup.saveCredentials', custom(aura.baseUrl))).toMatchObject({ ok: true });
    await until(host, (s) => s.readiness.level === 'ready');
    host.trigger('site_9944', 'button');
    await until(host, (s) => s.presses.some((p) => p.status === 'sent'));
    const viaNet = fake.calls('net.fetch').filter((c) => String(c.args[1]).startsWith(aura.baseUrl));
    expect(viaNet.length).toBeGreaterThan(2);
    expect(viaNet.some((c) => c.args[0] === 'POST' && String(c.args[1]).endsWith('/callouts'))).toBe(true);
    // Every request AURA saw was one net.fetch made: none went around it through Node's fetch.
    expect(auraRequests(aura).length).toBe(viaNet.length);
  });

  it('Setup’s full check goes through net.fetch too', async () => {
    const aura = await sim();
    const { fake, host } = await appHost();
    const before = fake.calls('net.fetch').length;
    const result = await runCommand(host, 'setup.fullCheck', { ...custom(aura.baseUrl) });
    expect(result).toMatchObject({ ok: true, value: { passed: true } });
    const during = fake.calls('net.fetch').length - before;
    expect(during).toBeGreaterThan(2);
    expect(auraRequests(aura).length).toBe(during);
  });

  it('--enrol waits for the app to be ready, then verifies through net.fetch', async () => {
    const aura = await sim();
    const fake = createFakeElectron();
    const store = memoryStore();
    const out: string[] = [];
    const code = await enrolCommand(fake.api, {
      openStore: () => store,
      vault: memoryVault(),
      readPolicy: async () => ({
        ok: true,
        policy: { environment: 'custom', baseUrl: aura.baseUrl },
        sources: ['test'],
      }),
      lockDataFolder: async () => ({ release: () => undefined }),
      readStdin: async () => JSON.stringify({ clientId: 'desk-7', clientSecret: 'right-secret' }),
      out: (line) => out.push(line),
      err: (line) => out.push(line),
    });
    expect(out.join('\n')).toContain('Enrolled');
    expect(code).toBe(0);
    expect(fake.calls('net.fetch').length).toBeGreaterThan(0);
    expect(auraRequests(aura).length).toBe(fake.calls('net.fetch').length);
  });
});

const CHROMIUM: Array<[string, NetworkPathCause]> = [
  ['net::ERR_PROXY_CONNECTION_FAILED', 'proxyRefused'],
  ['net::ERR_TUNNEL_CONNECTION_FAILED', 'proxyRefused'],
  ['net::ERR_PROXY_AUTH_UNSUPPORTED', 'proxyAuth'],
  ['net::ERR_PROXY_AUTH_REQUESTED', 'proxyAuth'],
  ['net::ERR_CERT_AUTHORITY_INVALID', 'certUntrusted'],
  ['net::ERR_CERT_DATE_INVALID', 'certInvalid'],
  ['net::ERR_CERT_COMMON_NAME_INVALID', 'certInvalid'],
];

describe('Chromium’s errors in plain words', () => {
  it.each(CHROMIUM)('Setup names %s as %s, never "check the address"', async (error, cause) => {
    const { host } = await appHost({ netFetch: async () => Promise.reject(new Error(error)) });
    const saved = await runCommand(host, 'setup.saveCredentials', custom('https://aura.example.com/panic-api/v2'));
    const message = saved.ok ? '' : saved.error.message;
    expect(message).toContain(NETWORK_PATH_WORDS[cause]);
    const shown = setupErrorOf(saved.ok ? '' : saved.error.code, message, 'custom');
    expect(shown.message).toContain(NETWORK_PATH_WORDS[cause]);
    expect(shown.message).not.toMatch(/check the address|address or port/i);
  });

  it('Setup’s full check names the certificate too', async () => {
    const { host } = await appHost({
      netFetch: async () => Promise.reject(new Error('net::ERR_CERT_AUTHORITY_INVALID')),
    });
    const result = await runCommand(host, 'setup.fullCheck', custom('https://aura.example.com/panic-api/v2'));
    expect(result).toMatchObject({ ok: true, value: { passed: false } });
    expect(result.ok ? (result.value as { markdown: string }).markdown : '').toContain(
      NETWORK_PATH_WORDS.certUntrusted,
    );
  });

  it.each(CHROMIUM)('readiness and the press name %s as %s', async (error, cause) => {
    const aura = await sim();
    let failWith: string | null = null;
    const { host } = await appHost({
      netFetch: (url, init) => (failWith ? Promise.reject(new Error(failWith)) : fetch(url, init)),
    });
    expect(await runCommand(host, 'setup.saveCredentials', custom(aura.baseUrl))).toMatchObject({ ok: true });
    await until(host, (s) => s.readiness.level === 'ready');
    failWith = error;
    host.trigger('site_9944', 'button');
    const state = await until(host, (s) => s.readiness.level === 'offline' && s.presses[0]?.lastError !== null);
    expect(state.readiness.message).toContain(NETWORK_PATH_WORDS[cause]);
    expect(state.presses[0]?.lastError).toContain(NETWORK_PATH_WORDS[cause]);
  });
});

describe('a redirect is refused the same way through net.fetch and Node’s fetch', () => {
  it('both read as "AURA answered with a redirect"', async () => {
    const server = createServer((_req, res) => res.writeHead(307, { location: 'https://elsewhere.example/' }).end());
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    open.push(() => new Promise<void>((ok) => server.close(() => ok())));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/panic-api/v2`;
    const fake = createFakeElectron({ netFetch: async () => Promise.reject(new Error('Redirect was cancelled')) });
    await fake.app.whenReady();
    const errors: unknown[] = [];
    for (const f of [auraFetch(fake.api.net), fetch]) {
      const client = new AuraClient({ baseUrl, clientId: 'c', getSecret: async () => 's', fetch: f, keepWarm: false });
      errors.push(await client.getToken().catch((e: unknown) => e));
      client.close();
    }
    for (const e of errors) {
      expect(e).toBeInstanceOf(AuraError);
      expect((e as AuraError).kind).toBe('badResponse');
      expect((e as AuraError).message).toMatch(/AURA answered with a redirect.*never should/);
    }
  });
});
