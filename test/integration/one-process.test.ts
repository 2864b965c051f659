// One process per data folder, and `--enrol` reaching the running desk (issue 20 findings 12, 16).
// The data folder is locked by a file holding the owner's process id: a second host on the same
// folder is refused while the owner lives, and takes over a lock its dead owner left. An
// enrolment handed over by a second launch (`"Panic Desk" --enrol` while the app runs) is
// verified and saved by the running desk host, which opens the enrolled desk at once and sends the
// press that waited for it.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskHost } from '../../electron/core/desk-host';
import { lockDataFolder, waitForDataFolder } from '../../electron/core/storage/folder-lock';
import { mergePolicy } from '../../electron/core/policy/policy';
import { startSimulator } from '../../electron/simulator/server';
import { memoryVault } from '../fakes/vault';
import { openFileStore } from '../harness/file-store';
import { until } from '../support/until';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function host(dir: string, extra: Partial<Parameters<typeof DeskHost.open>[0]> = {}): Promise<DeskHost> {
  const h = await DeskHost.open({
    store: await openFileStore(dir),
    dataDir: dir,
    vault: memoryVault(),
    lockDataDir: true,
    ...extra,
  });
  open.push(h);
  return h;
}

describe('the data folder is locked (finding 16)', () => {
  it('refuses a second host while another live process holds the folder, and takes over from a dead one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-lock-'));
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'panic-desk.lock'), JSON.stringify({ pid: other.pid }));
      await expect(host(dir)).rejects.toThrow(`Another Panic Desk (process ${other.pid}) is using the data folder`);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    // Its owner is gone: the lock is taken over, and a second host in this process is refused.
    const first = await host(dir);
    await expect(host(dir)).rejects.toThrow('is using the data folder');
    await first.close();
    open.splice(open.indexOf(first), 1);
    await host(dir); // released by close()
  });
});

describe('a command-line action waits for the folder (finding 16)', () => {
  it('gets the lock once its holder releases it, and gives up with the holder named after its time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-wait-'));
    const held = lockDataFolder(dir);
    setTimeout(() => held.release(), 300);
    const started = Date.now();
    const mine = await waitForDataFolder(dir, 5000, 50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await expect(waitForDataFolder(dir, 200, 50)).rejects.toThrow('is using the data folder');
    mine.release();
  });
});

describe('--enrol while the app runs (finding 12)', () => {
  it('the running desk host verifies the handed-over enrolment, opens the enrolled desk and sends the waiting press', async () => {
    const aura = await startSimulator({ clientId: 'desk-7', clientSecret: 'right-secret' });
    open.push(aura);
    const dir = mkdtempSync(join(tmpdir(), 'desk-enrol-'));
    const policy = mergePolicy([{ name: 'policy.json', values: { trainingAllowed: false, hotkeySite: 'site_9944' } }]);
    const h = await host(dir, { policy });
    expect(h.hotkeyPressed()).toBe('raised');
    await until(h, (s) => s.presses[0]?.lastError === 'Panic Desk has no AURA credentials yet');

    const raw = JSON.stringify({
      clientId: 'desk-7',
      clientSecret: 'right-secret',
      environment: 'custom',
      baseUrl: aura.baseUrl,
    });
    const connection = await h.enrolFromCommandLine(raw);
    expect(connection).toMatchObject({ environment: 'custom', clientId: 'desk-7', hasSecret: true });
    await until(h, (s) => s.environment === 'custom' && s.presses[0]?.status === 'sent');
    expect(aura.state.activeCallouts()).toHaveLength(1);
    const audit = await h.invoke('audit.list', { text: '', limit: 50 });
    expect(audit.entries.some((e) => e.kind === 'credentials')).toBe(true);
  });
});
