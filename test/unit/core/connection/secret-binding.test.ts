// Finding 1 (high) of the second security review, as an attack: save Custom credentials for
// server A, then save Custom again for server B leaving the secret empty ("leave empty to keep").
// Before the fix the desk sent A's secret to B. Now a kept secret is bound to environment, URL
// and client id; B receives nothing; a changed URL needs the secret typed again; the audit log
// records both URLs; and secrets saved before the binding are moved to it, not lost or widened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, ConnectionManager } from '../../../../electron/core/connection/connection';
import { accountFor, legacyAccountFor } from '../../../../electron/core/connection/keychain-account';
import { memoryStore } from '../../../fakes/store';
import { DeskHost } from '../../../../electron/core/desk-host';
import { startSimulator, type RunningSimulator } from '../../../../electron/simulator/server';
import { startHostileServer, leaksIn, type HostileServer } from '../../../support/hostile-server';
import { memoryVault } from '../../../fakes/vault';

const CLIENT_ID = 'desk-client';
const SECRET = `q"uo\\te %41 spa ce ünï-${'k'.repeat(8)}`;

let sim: RunningSimulator;
let hostile: HostileServer;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, clientId: CLIENT_ID, clientSecret: SECRET });
  hostile = await startHostileServer({ status: 200 });
});
afterAll(async () => {
  await sim.close();
  await hostile.close();
});
afterEach(() => {
  hostile.requests.length = 0;
});

const at = (baseUrl: string, clientSecret = '', clientId = CLIENT_ID) => ({
  environment: 'custom' as const,
  baseUrl,
  clientId,
  clientSecret,
});

describe('a kept secret never follows a changed URL', () => {
  it('refuses to send the secret saved for A to B when the field is left empty', async () => {
    const vault = memoryVault();
    const manager = new ConnectionManager({ store: memoryStore(), vault, timeoutMs: 5000 });
    await manager.save(at(sim.baseUrl, SECRET));

    const error = await manager.save(at(hostile.baseUrl)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toMatch(/secret again/);
    expect(hostile.requests).toHaveLength(0);
    expect(leaksIn(hostile.received(), SECRET)).toEqual([]);
    // Still connected to A, with A's secret bound to A.
    expect(manager.connection()).toMatchObject({ baseUrl: sim.baseUrl, hasSecret: true });
    expect([...vault.secrets.keys()]).toEqual([accountFor('custom', sim.baseUrl, CLIENT_ID)]);
  });

  it('also after a detour through Training, and for a URL differing only in its path', async () => {
    const manager = new ConnectionManager({ store: memoryStore(), vault: memoryVault(), timeoutMs: 5000 });
    await manager.save(at(sim.baseUrl, SECRET));
    await manager.save({ environment: 'training', baseUrl: null, clientId: '', clientSecret: '' });
    await expect(manager.save(at(hostile.baseUrl))).rejects.toBeInstanceOf(ConnectionError);
    await expect(manager.save(at(`${sim.origin}/other/v2`))).rejects.toBeInstanceOf(ConnectionError);
    expect(hostile.requests).toHaveLength(0);
    // The same URL still keeps it.
    await expect(manager.save(at(`${sim.baseUrl}/`))).resolves.toMatchObject({ hasSecret: true });
  });

  it('does not lend the secret to another client id either', async () => {
    const manager = new ConnectionManager({ store: memoryStore(), vault: memoryVault(), timeoutMs: 5000 });
    await manager.save(at(sim.baseUrl, SECRET));
    const before = sim.requests.length;
    await expect(manager.save(at(sim.baseUrl, '', 'other-client'))).rejects.toMatchObject({ kind: 'invalid' });
    expect(sim.requests.length).toBe(before);
  });

  it('sends the secret to B only when it is typed again for B', async () => {
    const manager = new ConnectionManager({ store: memoryStore(), vault: memoryVault(), timeoutMs: 5000 });
    await manager.save(at(sim.baseUrl, SECRET));
    // Typed on purpose: the operator chose to send it (B then refuses the pair: not a token answer).
    await expect(manager.save(at(hostile.baseUrl, 'typed-for-b'))).rejects.toBeInstanceOf(ConnectionError);
    expect(hostile.requests).toHaveLength(1);
    expect(leaksIn(hostile.received(), SECRET)).toEqual([]);
  });

  it('records the old and the new URL in the audit log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'panic-desk-bind-'));
    const other = await startSimulator({ port: 0, clientId: CLIENT_ID, clientSecret: SECRET });
    const host = await DeskHost.open({ store: memoryStore(), dataDir, vault: memoryVault() });
    try {
      await host.invoke('setup.saveCredentials', at(sim.baseUrl, SECRET));
      await host.invoke('setup.saveCredentials', at(other.baseUrl, SECRET));
      const { entries: all } = await host.invoke('audit.list', { text: 'connection changed', limit: 50 });
      const entries = all.filter((e) => e.kind === 'credentials');
      const last = entries.find((e) => e.text.includes(`→ custom client ${CLIENT_ID} at ${other.baseUrl}`));
      expect(last?.text).toContain(sim.baseUrl);
      expect(last?.text).toContain(other.baseUrl);
      expect(last?.data).toMatchObject({ previousBaseUrl: sim.baseUrl, baseUrl: other.baseUrl });
    } finally {
      await host.close();
      await other.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('secrets saved before the binding', () => {
  const legacyStore = (baseUrl: string) =>
    memoryStore({
      connection: {
        environment: 'custom',
        baseUrl,
        clientId: CLIENT_ID,
        account: legacyAccountFor('custom', CLIENT_ID),
      },
    });

  it('keep working for their own URL, moved once to the bound account', async () => {
    const vault = memoryVault({ [legacyAccountFor('custom', CLIENT_ID)]: SECRET });
    const store = legacyStore(sim.baseUrl);
    const opened = await new ConnectionManager({ store, vault, timeoutMs: 5000 }).open();
    expect(opened.state).toBe('configured');
    if (opened.state !== 'configured') return;
    expect((await opened.client.listFixedLocations()).length).toBeGreaterThan(0);
    opened.client.close();
    expect([...vault.secrets.keys()]).toEqual([accountFor('custom', sim.baseUrl, CLIENT_ID)]);
    expect(store.get('connection')).toMatchObject({ account: accountFor('custom', sim.baseUrl, CLIENT_ID) });
  });

  it('are kept by an empty field only for the URL they were saved with', async () => {
    const vault = memoryVault({ [legacyAccountFor('custom', CLIENT_ID)]: SECRET });
    const manager = new ConnectionManager({ store: legacyStore(sim.baseUrl), vault, timeoutMs: 5000 });
    await expect(manager.save(at(hostile.baseUrl))).rejects.toBeInstanceOf(ConnectionError);
    expect(hostile.requests).toHaveLength(0);
    await expect(manager.save(at(sim.baseUrl))).resolves.toMatchObject({ hasSecret: true });
    expect([...vault.secrets.keys()]).toEqual([accountFor('custom', sim.baseUrl, CLIENT_ID)]);
  });

  it('are not used when the settings file names an account bound to something else', async () => {
    const vault = memoryVault({ [accountFor('custom', sim.baseUrl, CLIENT_ID)]: SECRET });
    // An edited settings file: URL B, but the account of A.
    const store = memoryStore({
      connection: {
        environment: 'custom',
        baseUrl: hostile.baseUrl,
        clientId: CLIENT_ID,
        account: accountFor('custom', sim.baseUrl, CLIENT_ID),
      },
    });
    const opened = await new ConnectionManager({ store, vault, timeoutMs: 5000 }).open();
    expect(opened.state).toBe('notConfigured');
    expect(hostile.requests).toHaveLength(0);
  });
});

describe('Custom URLs on the local network are refused', () => {
  it.each([
    'https://169.254.169.254/latest',
    'https://2852039166/x',
    'https://0xa9.0xfe.0xa9.0xfe/x',
    'https://0251.0376.0251.0376/x',
    'https://169.254.169.254./x',
    'https://10.0.0.8/panic-api/v2',
    'https://172.16.4.4/panic-api/v2',
    'https://192.168.1.10/panic-api/v2',
    'https://[fd12:3456::1]/panic-api/v2',
    'https://[fe80::1]/panic-api/v2',
    'https://[::ffff:169.254.169.254]/x',
    'https://[::ffff:10.0.0.1]/x',
    'https://[64:ff9b::a9fe:a9fe]/x',
    'https://[2002:c0a8:0101::1]/x',
    'https://0.0.0.0/x',
    'https://[::]/x',
    'https://metadata.google.internal/x',
  ])('%s, before any request', async (url) => {
    const fakeFetch: typeof fetch = async () => {
      throw new Error('no request may be made');
    };
    const manager = new ConnectionManager({ store: memoryStore(), vault: memoryVault(), fetch: fakeFetch });
    await expect(manager.save(at(url, SECRET))).rejects.toMatchObject({ kind: 'invalid' });
  });

  it.each(['http://127.0.0.1:4010/x', 'https://127.8.9.10/x', 'https://[::1]:8443/x', 'https://[::ffff:127.0.0.1]/x'])(
    'still allows loopback: %s',
    async (url) => {
      const seen: string[] = [];
      const fakeFetch: typeof fetch = async (input) => {
        seen.push(String(input));
        return new Response('{}', { status: 401 });
      };
      const manager = new ConnectionManager({ store: memoryStore(), vault: memoryVault(), fetch: fakeFetch });
      await expect(manager.save(at(url, SECRET))).rejects.toMatchObject({ kind: 'rejected' });
      // Both requests went to loopback: a refusal is confirmed by a second exchange (issue 10).
      expect(seen).toHaveLength(2);
      expect(new Set(seen).size).toBe(1);
    },
  );
});
