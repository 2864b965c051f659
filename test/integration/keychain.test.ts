// The keychain vault against a real Secret Service: a throwaway D-Bus session (dbus-run-session)
// with an unlocked gnome-keyring whose files live in a temporary folder. This test's worker talks
// to that private bus only (Vitest runs each test file in its own process), so neither the
// machine's keyring nor any other test is touched. Skipped only when the tools are not installed.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFor } from '../../electron/core/connection';
import { createKeychainVault, KEYCHAIN_SERVICE } from '../../electron/main/keychain';

const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((tool) => !has(tool));
const skipReason = missing.length
  ? `needs ${missing.join(' and ')} (Debian: apt-get install dbus gnome-keyring libsecret-1-dev)`
  : '';
if (skipReason) console.warn(`keychain integration test skipped: ${skipReason}`);

let session: ChildProcessWithoutNullStreams | null = null;
let home = '';

/** Starts the private bus and keyring; resolves with the bus address. */
function startSecretService(): Promise<string> {
  home = mkdtempSync(join(tmpdir(), 'panic-desk-keyring-'));
  const runtime = join(home, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  // The shell prints the bus address, then waits on stdin: closing stdin ends the session.
  const script =
    'printf test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null' +
    ' && echo "BUS=$DBUS_SESSION_BUS_ADDRESS" && cat >/dev/null';
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_RUNTIME_DIR: runtime,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  session = child;
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /BUS=(\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the D-Bus session ended early (${code}): ${err.slice(0, 500)}`)));
  });
}

describe.skipIf(Boolean(skipReason))('keychain vault on a real Secret Service', () => {
  beforeAll(async () => {
    process.env.DBUS_SESSION_BUS_ADDRESS = await startSecretService();
  });

  afterAll(async () => {
    const child = session;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.stdin.end();
      await exited;
    }
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('stores, reads, replaces and deletes a credential', async () => {
    const vault = createKeychainVault({ platform: 'linux' });
    const account = accountFor('staging', 'https://staging-panic.aura.services/panic-api/v2', 'integration-client');

    await vault.probe();
    expect(await vault.getSecret(account)).toBeNull();

    await vault.setSecret(account, 'first-secret');
    expect(await vault.getSecret(account)).toBe('first-secret');

    await vault.setSecret(account, 'second-secret');
    expect(await vault.getSecret(account)).toBe('second-secret');

    // Another account of the same service is separate.
    const other = accountFor('production', 'https://panic.aura.services/panic-api/v2', 'integration-client');
    expect(await vault.getSecret(other)).toBeNull();

    expect(await vault.deleteSecret(account)).toBe(true);
    expect(await vault.getSecret(account)).toBeNull();
    expect(await vault.deleteSecret(account)).toBe(false);
  });

  it('files secrets under the service name "Panic Desk"', async () => {
    const vault = createKeychainVault({ platform: 'linux' });
    const account = accountFor('custom', 'https://aura.example.com/panic-api/v2', 'named-client');
    await vault.setSecret(account, 'named-secret');
    const keytar = await import('keytar');
    const found = await (keytar.default ?? keytar).getPassword(KEYCHAIN_SERVICE, account);
    expect(found).toBe('named-secret');
    await vault.deleteSecret(account);
  });
});
