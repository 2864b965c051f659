// The AURA connection manager against the simulator over real HTTP (127.0.0.1, random port) and an
// in-memory vault: verify first, store the secret only in the vault, refuse a wrong pair with
// AURA's reason, and report an unusable keychain as its own state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConnectionError,
  ConnectionManager,
  KeychainUnavailableError,
} from '../../../../electron/core/connection/connection';
import { accountFor } from '../../../../electron/core/connection/keychain-account';
import { type KeyValueStore } from '../../../../electron/core/ports';
import { memoryStore } from '../../../fakes/store';
import { startSimulator, type RunningSimulator } from '../../../../electron/simulator/server';
import { memoryVault, type MemoryVault } from '../../../fakes/vault';

const CLIENT_ID = 'desk-client';
const SECRET = 'sup3r-secret-value-9f1c';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, clientId: CLIENT_ID, clientSecret: SECRET });
});
afterAll(async () => {
  await sim.close();
});

function setup(vault: MemoryVault = memoryVault(), store: KeyValueStore = memoryStore()) {
  const manager = new ConnectionManager({ store, vault, timeoutMs: 5000 });
  return { manager, vault, store };
}

const custom = (clientSecret: string, clientId = CLIENT_ID) => ({
  environment: 'custom' as const,
  baseUrl: sim.baseUrl,
  clientId,
  clientSecret,
});

/** Everything the store holds, as text: the secret must never appear in it. */
function storeText(store: KeyValueStore): string {
  return JSON.stringify(store.get('connection') ?? null);
}

describe('ConnectionManager', () => {
  it('starts in Training with nothing configured', async () => {
    const { manager } = setup();
    expect(manager.connection()).toEqual({ environment: 'training', baseUrl: null, clientId: null, hasSecret: false });
    const opened = await manager.open();
    expect(opened.state).toBe('training');
    expect(opened.client).toBeNull();
  });

  it('verifies with a token exchange, then keeps the secret only in the vault', async () => {
    const { manager, vault, store } = setup();
    const before = sim.requests.length;
    const connection = await manager.save(custom(SECRET));

    expect(connection).toEqual({ environment: 'custom', baseUrl: sim.baseUrl, clientId: CLIENT_ID, hasSecret: true });
    expect(sim.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /panic-api/v2/oauth/token']);
    expect(vault.secrets.get(accountFor('custom', sim.baseUrl, CLIENT_ID))).toBe(SECRET);
    expect(vault.secrets.size).toBe(1);
    expect(storeText(store)).not.toContain(SECRET);
    expect(JSON.stringify(connection)).not.toContain(SECRET);
  });

  it('refuses a wrong pair, without quoting the token route, and stores nothing', async () => {
    const { manager, vault, store } = setup();
    const error = await manager.save(custom('wrong-secret')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).kind).toBe('rejected');
    expect((error as Error).message).toMatch(/rejected the client ID or secret \(it answered 401\)/);
    expect((error as Error).message).not.toContain('wrong-secret');
    expect(vault.secrets.size).toBe(0);
    expect(store.get('connection')).toBeUndefined();
    expect(manager.connection().environment).toBe('training');
  });

  it('keeps the previous working connection when a new pair is refused', async () => {
    const { manager, vault } = setup();
    await manager.save(custom(SECRET));
    await expect(manager.save(custom('nope', 'other-client'))).rejects.toThrow(ConnectionError);
    expect(manager.connection()).toMatchObject({ clientId: CLIENT_ID, hasSecret: true });
    expect([...vault.secrets.keys()]).toEqual([accountFor('custom', sim.baseUrl, CLIENT_ID)]);
  });

  it('says so when AURA cannot be reached, and stores nothing', async () => {
    const { manager, vault } = setup();
    const down = await startSimulator({ port: 0 });
    const url = down.baseUrl;
    await down.close();
    const error = await manager
      .save({ environment: 'custom', baseUrl: url, clientId: CLIENT_ID, clientSecret: SECRET })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).kind).toBe('unreachable');
    expect((error as Error).message).not.toContain(SECRET);
    expect(vault.secrets.size).toBe(0);
  });

  it('refuses bad input before any request', async () => {
    const { manager } = setup();
    const before = sim.requests.length;
    await expect(manager.save(custom(SECRET, '  '))).rejects.toMatchObject({ kind: 'invalid' });
    await expect(manager.save(custom(''))).rejects.toMatchObject({ kind: 'invalid' });
    await expect(
      manager.save({
        environment: 'custom',
        baseUrl: 'http://aura.example.com/api',
        clientId: CLIENT_ID,
        clientSecret: SECRET,
      }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(sim.requests.length).toBe(before);
  });

  it('builds a client that reads the secret from the vault and reaches AURA', async () => {
    const vault = memoryVault();
    const store = memoryStore();
    await setup(vault, store).manager.save(custom(SECRET));

    // A fresh manager, as after a restart: only the store and the keychain remain.
    const { manager } = setup(vault, store);
    const opened = await manager.open();
    expect(opened.state).toBe('configured');
    expect(opened.connection.hasSecret).toBe(true);
    if (opened.state !== 'configured') throw new Error('not configured');
    const sites = await opened.client.listFixedLocations();
    expect(sites.length).toBeGreaterThan(0);
  });

  it('re-uses the keychain secret when the secret field is left empty', async () => {
    const { manager, vault } = setup();
    await manager.save(custom(SECRET));
    const again = await manager.save(custom(''));
    expect(again.hasSecret).toBe(true);
    expect(vault.secrets.size).toBe(1);
  });

  it('removes the replaced client secret from the vault', async () => {
    const other = await startSimulator({ port: 0, clientId: 'second', clientSecret: 'second-secret' });
    try {
      const { manager, vault } = setup();
      await manager.save(custom(SECRET));
      await manager.save({
        environment: 'custom',
        baseUrl: other.baseUrl,
        clientId: 'second',
        clientSecret: 'second-secret',
      });
      expect([...vault.secrets.keys()]).toEqual([accountFor('custom', other.baseUrl, 'second')]);
    } finally {
      await other.close();
    }
  });

  it('reports a keychain that cannot be used as its own state, without throwing', async () => {
    const vault = memoryVault();
    const store = memoryStore();
    await setup(vault, store).manager.save(custom(SECRET));
    vault.unavailable = true;

    const { manager } = setup(vault, store);
    const opened = await manager.open();
    expect(opened.state).toBe('keychainUnavailable');
    expect(opened.connection.hasSecret).toBe(false);
    if (opened.state === 'keychainUnavailable') expect(opened.message).toContain('gnome-keyring');
  });

  it('fails a save with KeychainUnavailableError when the verified secret cannot be stored', async () => {
    const vault = memoryVault();
    const { manager, store } = setup(vault);
    const realSet = vault.setSecret;
    vault.setSecret = async () => {
      throw new KeychainUnavailableError('The system keychain could not store the client secret', 'Install one');
    };
    await expect(manager.save(custom(SECRET))).rejects.toBeInstanceOf(KeychainUnavailableError);
    expect(store.get('connection')).toBeUndefined();
    vault.setSecret = realSet;
  });

  it('says what is missing when the secret is gone from the keychain', async () => {
    const vault = memoryVault();
    const store = memoryStore();
    await setup(vault, store).manager.save(custom(SECRET));
    vault.secrets.clear();
    const opened = await setup(vault, store).manager.open();
    expect(opened.state).toBe('notConfigured');
    if (opened.state === 'notConfigured') expect(opened.message).toMatch(/not in the system keychain/);
  });

  it('switches to Training without touching the keychain', async () => {
    const { manager, vault } = setup();
    await manager.save(custom(SECRET));
    const training = await manager.save({ environment: 'training', baseUrl: null, clientId: '', clientSecret: '' });
    expect(training).toEqual({ environment: 'training', baseUrl: null, clientId: null, hasSecret: false });
    expect(vault.secrets.size).toBe(1);
    expect((await manager.open()).state).toBe('training');
  });

  it('uses the documented AURA hosts for staging and production', async () => {
    const requested: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      requested.push(String(input));
      return new Response(JSON.stringify({ message: 'Invalid client credentials' }), { status: 401 });
    };
    const manager = new ConnectionManager({ store: memoryStore(), vault: memoryVault(), fetch: fakeFetch });
    await expect(
      manager.save({ environment: 'staging', baseUrl: null, clientId: 'x', clientSecret: 'y' }),
    ).rejects.toMatchObject({ kind: 'rejected' });
    await expect(
      manager.save({ environment: 'production', baseUrl: 'https://evil.example', clientId: 'x', clientSecret: 'y' }),
    ).rejects.toMatchObject({ kind: 'rejected' });
    // A refusal is believed only when a second fresh exchange is refused too (issue 10).
    expect(requested).toEqual([
      'https://staging-panic.aura.services/panic-api/v2/oauth/token',
      'https://staging-panic.aura.services/panic-api/v2/oauth/token',
      'https://panic.aura.services/panic-api/v2/oauth/token',
      'https://panic.aura.services/panic-api/v2/oauth/token',
    ]);
  });
});
