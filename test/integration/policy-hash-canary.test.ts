// Issue 21 finding 5's last rule: policy hashes never appear in logs, exports or events. A desk in
// Training under a policy with cancel and duress codes is taken through a wrong code, a duress
// cancel and "Export diagnostics"; then no part of any hash (salt or digest) may be found in any
// reply, state event or file of the data folder (diagnostics log, audit log and export included;
// the settings file keeps the last good policy by design).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashCodes } from '../../electron/core/policy/cancel-codes';
import { DeskHost } from '../../electron/core/desk-host';
import { mergePolicy } from '../../electron/core/policy/policy';
import { memoryVault } from '../fakes/vault';
import { harnessDiagnostics } from '../harness/diagnostics';
import { openFileStore } from '../harness/file-store';
import { runCommand } from '../support/run-command';
import { until } from '../support/until';

const dirs: string[] = [];
const hosts: DeskHost[] = [];
afterAll(async () => {
  for (const h of hosts) await h.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

describe('policy hashes stay in the policy', () => {
  it('are in no reply, state event, log line, audit log or diagnostics export', async () => {
    const hashes = await hashCodes(['246802', '864202'], { logN: 10 });
    const [cancel = '', duress = ''] = hashes;
    const policy = mergePolicy([
      { name: 'policy.json', values: { cancelCodes: { cancel: [cancel], duress: [duress] } } },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'policy-hash-canary-'));
    dirs.push(dir);
    const diagnostics = harnessDiagnostics(dir, null);
    const host = await DeskHost.open({
      store: await openFileStore(dir),
      dataDir: dir,
      vault: memoryVault(),
      policy,
      log: diagnostics.log,
      diagnostics: diagnostics.shell,
      timing: { movingMs: 100, settledMs: 100, readinessEveryMs: 60_000 },
    });
    hosts.push(host);
    const seen: string[] = [];
    host.onChange((s) => void seen.push(JSON.stringify(s)));
    const ipc = async (name: string, payload: unknown) => {
      const reply = await runCommand(host, name, payload);
      seen.push(JSON.stringify(reply));
      return reply as { ok: boolean; value?: unknown };
    };

    const siteId = host.getState().sites[0]?.id ?? '';
    expect((await ipc('panic.trigger', { siteId })).ok).toBe(true);
    await until(host, (s) => s.callouts.length > 0, 10_000, 'the callout');
    const calloutId = host.getState().callouts[0]?.id ?? '';
    const reasons = (await ipc('callout.reasons', { calloutId })).value as Array<{ id: number }>;
    const reasonId = reasons[0]?.id ?? 0;
    expect((await ipc('callout.cancel', { calloutId, reasonId, notes: '', code: '000000' })).ok).toBe(false);
    expect((await ipc('callout.cancel', { calloutId, reasonId, notes: '', code: '864202' })).ok).toBe(true);
    expect((await ipc('audit.list', { text: '', limit: 500 })).ok).toBe(true);
    expect((await ipc('diagnostics.export', {})).ok).toBe(true);

    const files = allFiles(dir);
    expect(files.some((f) => f.includes('diagnostics'))).toBe(true);
    // The settings file keeps the last good policy on purpose (so its codes hold when a later
    // policy is refused); it is the user's own 0600 file, and the policy is readable anyway.
    const settingsFile = join(dir, 'panic-desk.json');
    expect(readFileSync(settingsFile, 'utf8')).toContain('managedPolicyLastGood');
    const others = files.filter((f) => f !== settingsFile);
    const everything = [...seen, ...others.map((f) => readFileSync(f, 'utf8'))].join('\n');
    for (const hash of hashes) {
      const [, params = '', salt = '', digest = ''] = hash.split('$');
      expect(params).toBe('ln=10,r=8,p=1');
      expect(everything).not.toContain(salt);
      expect(everything).not.toContain(digest);
    }
  });
});
