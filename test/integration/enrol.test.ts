// Enrolment without typing the secret: `--enrol` with JSON on standard input (runEnrolCli with an
// injected stdin) and a one-time enrol.json imported at start, both verified by a token exchange
// against the simulator before anything is stored. The secret never appears in what is printed.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionManager } from '../../electron/core/connection/connection';
import { accountFor } from '../../electron/core/connection/keychain-account';
import { ENROL_FILE, importEnrolFile } from '../../electron/core/policy/enrol';
import { mergePolicy } from '../../electron/core/policy/policy';
import { memoryStore } from '../fakes/store';
import { DeskHost } from '../../electron/core/desk-host';
import { runEnrolCli, wantsEnrol } from '../../electron/main/enrol-cli';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { memoryVault } from '../fakes/vault';
import { openFileStore } from '../harness/file-store';

const SECRET = 'ENROL-CANARY-7f3a9c2e';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function sim(): Promise<RunningSimulator> {
  const s = await startSimulator({ clientId: 'desk-12', clientSecret: SECRET });
  open.push(s);
  return s;
}

function cli(stdin: string, save: ConnectionManager['save'], policy = null as ReturnType<typeof mergePolicy> | null) {
  const out: string[] = [];
  const run = runEnrolCli({
    readStdin: async () => stdin,
    save,
    policy,
    out: (l) => void out.push(l),
    err: (l) => void out.push(l),
  });
  return { run, out };
}

describe('--enrol while the app runs (issue 20 finding 12)', () => {
  it('hands a well-formed enrolment to the running instance and saves nothing itself; a malformed one is refused here', async () => {
    const handed: string[] = [];
    const saves: unknown[] = [];
    const out: string[] = [];
    const deps = (stdin: string) => ({
      readStdin: async () => stdin,
      handOver: (raw: string) => (handed.push(raw), true),
      save: async (input: unknown) => {
        saves.push(input);
        throw new Error('not here');
      },
      policy: null,
      out: (l: string) => void out.push(l),
      err: (l: string) => void out.push(l),
    });
    const raw = JSON.stringify({ clientId: 'desk-7', clientSecret: SECRET, environment: 'staging' });
    expect(await runEnrolCli(deps(raw))).toBe(0);
    expect(handed).toEqual([raw]);
    expect(saves).toEqual([]);
    expect(out.join('\n')).toContain('Handed to the running Panic Desk');
    expect(await runEnrolCli(deps('{"clientId": 1}'))).toBe(1);
    expect(handed).toHaveLength(1);
    expect(out.join('\n')).not.toContain(SECRET);
  });
});

describe('--enrol from standard input', () => {
  it('verifies, stores the secret in the vault only, and prints no secret', async () => {
    const s = await sim();
    const vault = memoryVault();
    const store = memoryStore();
    const connections = new ConnectionManager({ store, vault });
    expect(wantsEnrol(['/opt/Panic Desk/panic-desk', '--enrol'])).toBe(true);
    const { run, out } = cli(
      JSON.stringify({ clientId: 'desk-12', clientSecret: SECRET, environment: 'custom', baseUrl: s.baseUrl }),
      (input) => connections.save(input),
    );
    expect(await run).toBe(0);
    expect(out).toEqual(['Enrolled: AURA custom client desk-12; the secret is in the system keychain.']);
    expect(vault.secrets.get(accountFor('custom', s.baseUrl, 'desk-12'))).toBe(SECRET);
    expect(JSON.stringify(store.get('connection'))).not.toContain(SECRET);
    expect(s.requests.filter((r) => r.op === 'token').length).toBe(1);
  });

  it('takes the environment from the policy; refuses a wrong secret, bad JSON and a locked client, storing nothing', async () => {
    const s = await sim();
    const vault = memoryVault();
    const connections = new ConnectionManager({ store: memoryStore(), vault });
    const save = (input: Parameters<ConnectionManager['save']>[0]) => connections.save(input);
    const policy = mergePolicy([
      { name: 'p', values: { environment: 'custom', baseUrl: s.baseUrl, clientId: 'desk-12', locked: ['clientId'] } },
    ]);

    const wrong = cli(JSON.stringify({ clientId: 'desk-12', clientSecret: 'wrong-' + SECRET }), save, policy);
    expect(await wrong.run).toBe(1);
    expect(wrong.out.join('\n')).toMatch(/^Not enrolled: AURA (refused|rejected)/);

    const garbled = cli(`{"clientId": "desk-12", "clientSecret": "${SECRET}"`, save, policy);
    expect(await garbled.run).toBe(1);
    expect(garbled.out.join('\n')).toMatch(/not valid JSON/);

    const other = cli(JSON.stringify({ clientId: 'desk-99', clientSecret: SECRET }), save, policy);
    expect(await other.run).toBe(1);
    expect(other.out.join('\n')).toMatch(/locks the client ID/);
    expect(vault.secrets.size).toBe(0);

    const good = cli(JSON.stringify({ clientId: 'desk-12', clientSecret: SECRET }), save, policy);
    expect(await good.run).toBe(0);
    expect(vault.secrets.get(accountFor('custom', s.baseUrl, 'desk-12'))).toBe(SECRET);
    const printed = [wrong, garbled, other, good].flatMap((c) => c.out).join('\n');
    expect(printed).not.toContain(SECRET);
  });
});

describe('enrolment under a locked base URL (issue 21 finding 7)', () => {
  it("verifies against the policy's URL, never the enrolment's, and refuses a different one", async () => {
    const real = await sim();
    const planted = await sim(); // the operator's own server, to learn the secret
    const vault = memoryVault();
    const connections = new ConnectionManager({ store: memoryStore(), vault });
    const save = (input: Parameters<ConnectionManager['save']>[0]) => connections.save(input);
    const policy = mergePolicy([
      { name: 'p', values: { environment: 'custom', baseUrl: real.baseUrl, locked: ['environment', 'baseUrl'] } },
    ]);
    const other = cli(
      JSON.stringify({ clientId: 'desk-12', clientSecret: SECRET, environment: 'custom', baseUrl: planted.baseUrl }),
      save,
      policy,
    );
    expect(await other.run).toBe(1);
    expect(planted.requests.filter((r) => r.op === 'token')).toHaveLength(0);
    expect(other.out.join('\n')).toMatch(/locks the AURA base URL/);
    expect(vault.secrets.size).toBe(0);

    const same = cli(
      JSON.stringify({ clientId: 'desk-12', clientSecret: SECRET, environment: 'custom', baseUrl: `${real.baseUrl}/` }),
      save,
      policy,
    );
    expect(await same.run).toBe(0);
    expect(vault.secrets.get(accountFor('custom', real.baseUrl, 'desk-12'))).toBe(SECRET);
  });
});

describe('enrol.json in the user-data folder', () => {
  const file = (dir: string, body: unknown, mode: number): string => {
    const path = join(dir, ENROL_FILE);
    writeFileSync(path, JSON.stringify(body), { mode });
    chmodSync(path, mode);
    return path;
  };

  it('is imported at start, verified, stored in the keychain and deleted; the desk is then configured', async () => {
    const s = await sim();
    const dir = mkdtempSync(join(tmpdir(), 'desk-enrol-'));
    const path = file(
      dir,
      { clientId: 'desk-12', clientSecret: SECRET, environment: 'custom', baseUrl: s.baseUrl },
      0o600,
    );
    const vault = memoryVault();
    const host = await DeskHost.open({ store: await openFileStore(dir), dataDir: dir, vault });
    open.push(host);
    expect(existsSync(path)).toBe(false);
    expect(vault.secrets.get(accountFor('custom', s.baseUrl, 'desk-12'))).toBe(SECRET);
    expect(host.getState().connection).toMatchObject({ environment: 'custom', clientId: 'desk-12', hasSecret: true });
    // Nothing in the data folder holds the secret (settings, audit log, outbox, backups).
    for (const path of filesUnder(dir)) expect(readFileSync(path, 'utf8'), path).not.toContain(SECRET);
  });

  it('with a UTF-8 byte-order mark (Windows PowerShell 5.1) is read as the same JSON (issue 22 item 2)', async () => {
    const s = await sim();
    const dir = mkdtempSync(join(tmpdir(), 'desk-enrol-'));
    const path = join(dir, ENROL_FILE);
    const body = { clientId: 'desk-12', clientSecret: SECRET, environment: 'custom', baseUrl: s.baseUrl };
    writeFileSync(path, `\uFEFF${JSON.stringify(body)}`, { mode: 0o600 });
    const vault = memoryVault();
    const host = await DeskHost.open({ store: await openFileStore(dir), dataDir: dir, vault });
    open.push(host);
    expect(vault.secrets.get(accountFor('custom', s.baseUrl, 'desk-12'))).toBe(SECRET);
    expect(existsSync(path)).toBe(false);
  });

  it('is refused, reported and deleted when other users can read it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-enrol-'));
    const path = file(dir, { clientId: 'desk-12', clientSecret: SECRET, environment: 'staging' }, 0o644);
    const vault = memoryVault();
    let saved = false;
    const outcome = await importEnrolFile(dir, {
      save: async () => {
        saved = true;
        throw new Error('must not be called');
      },
      policy: {},
    });
    expect(outcome).toMatchObject({ kind: 'refused', deleted: true });
    expect(outcome.kind === 'refused' && outcome.message).toMatch(/could be read by other users .*mode 644.*rotate it/);
    expect(saved).toBe(false);
    expect(existsSync(path)).toBe(false);
    expect(vault.secrets.size).toBe(0);
    // On Windows the mode bits mean nothing: the profile's ACL protects the folder instead.
    file(dir, { clientId: 'desk-12', clientSecret: SECRET, environment: 'staging' }, 0o644);
    const win = await importEnrolFile(
      dir,
      {
        save: async () => ({ environment: 'staging', baseUrl: null, clientId: 'desk-12', hasSecret: true }),
        policy: {},
      },
      'win32',
    );
    expect(win.kind).toBe('enrolled');
  });

  it('is kept for the next start when AURA cannot be reached to verify it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-enrol-'));
    const path = file(
      dir,
      { clientId: 'desk-12', clientSecret: SECRET, environment: 'custom', baseUrl: 'http://127.0.0.1:9/panic-api/v2' },
      0o600,
    );
    const connections = new ConnectionManager({ store: memoryStore(), vault: memoryVault(), timeoutMs: 2000 });
    const outcome = await importEnrolFile(dir, { save: (input) => connections.save(input), policy: {} });
    expect(outcome).toMatchObject({ kind: 'refused', deleted: false });
    expect(outcome.kind === 'refused' && outcome.message).toMatch(/tried again at the next start/);
    expect(outcome.kind === 'refused' && outcome.message).not.toContain(SECRET);
    expect(existsSync(path)).toBe(true);
  });
});
