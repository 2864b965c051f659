// The desk host under an administrator's policy, on real files through runCommand (as both hosts
// call it): the policy's settings and locks, a locked command refused in core, a bad policy
// ignored with a warning naming the key while the last good one stays, and Training turned off.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../support/run-command';
import { mergePolicy, type PolicyRead } from '../../electron/core/policy/policy';
import { DeskHost } from '../../electron/core/desk-host';
import { readManagedPolicy, type PolicyDeps } from '../../electron/main/policy-sources';
import { memoryVault } from '../fakes/vault';
import { openFileStore } from '../harness/file-store';

const open: DeskHost[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

const read = (values: unknown): PolicyRead => mergePolicy([{ name: 'policy.json', values }]);

async function host(policy: PolicyRead | null, dir = mkdtempSync(join(tmpdir(), 'desk-policy-'))): Promise<DeskHost> {
  const h = await DeskHost.open({ store: await openFileStore(dir), dataDir: dir, vault: memoryVault(), policy });
  open.push(h);
  return h;
}

const POLICY = {
  hotkey: 'CommandOrControl+Alt+F9',
  hotkeySite: 'site_9944',
  holdMs: 500,
  deskName: 'Gate 3',
  sites: ['site_9944'],
  locked: ['hotkey', 'hotkeySite', 'sites'],
};

describe('desk host with a managed policy', () => {
  it("shows the policy's settings and locks, and refuses a locked change in core", async () => {
    const h = await host(read(POLICY));
    const state = h.getState();
    expect(state.settings).toMatchObject({
      hotkey: POLICY.hotkey,
      hotkeySiteId: 'site_9944',
      holdMs: 500,
      deskName: 'Gate 3',
      shownSiteIds: ['site_9944'],
    });
    expect(state.policy).toMatchObject({ sources: ['policy.json'], locked: ['sites', 'hotkey', 'hotkeySite'] });

    const refused = await runCommand(h, 'settings.update', { hotkey: 'CommandOrControl+Alt+K' });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'failed', message: 'Set by your organisation: "hotkey" cannot be changed on this desk' },
    });
    expect((await runCommand(h, 'sites.choose', { shownSiteIds: null })).ok).toBe(false);
    // Unlocked settings stay the operator's.
    expect((await runCommand(h, 'settings.update', { holdMs: 2000, hotkey: POLICY.hotkey })).ok).toBe(true);
    expect(h.getState().settings).toMatchObject({ holdMs: 2000, hotkey: POLICY.hotkey });
  });

  it('keeps the last good policy when a planted, untrusted file appears, and says so (issue 21 finding 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-policy-'));
    const file = 'C:\\ProgramData\\Panic Desk\\policy.json';
    const planted = JSON.stringify({ sites: [], hotkey: '', locked: ['sites', 'hotkey'] });
    const deps = (trusted: boolean): PolicyDeps => ({
      platform: 'win32',
      override: null,
      programData: 'C:\\ProgramData',
      user: null,
      readFile: (path) => (path === file ? planted : null),
      trust: async () => (trusted ? null : `${file} is owned by S-1-5-21-1-2-3-1001, not SYSTEM or Administrators`),
      registry: { readLocalMachineKey: async () => null },
      run: async () => null,
    });
    const h = await host(read(POLICY), dir);
    await h.applyPolicy(await readManagedPolicy(deps(false)));
    const state = h.getState();
    expect(state.policy.problem).toMatch(/policy\.json was ignored: .* not SYSTEM or Administrators/);
    expect(state.settings).toMatchObject({ hotkey: POLICY.hotkey, shownSiteIds: ['site_9944'] });
    expect(state.policy.locked).toEqual(['sites', 'hotkey', 'hotkeySite']);
    // Across a restart too: the untrusted file never becomes the last good policy.
    await h.close();
    open.splice(open.indexOf(h), 1);
    const again = await host(await readManagedPolicy(deps(false)), dir);
    expect(again.getState().settings.hotkey).toBe(POLICY.hotkey);
  });

  it('ignores a policy that fails its schema, names the key, and keeps the last good one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-policy-'));
    const h = await host(read(POLICY), dir);
    await h.applyPolicy(read({ ...POLICY, hotkey: 'CommandOrControl+Alt+F1', holdMs: 'fast' }));
    const state = h.getState();
    expect(state.policy.problem).toMatch(/"holdMs"/);
    expect(state.settings.hotkey).toBe(POLICY.hotkey);
    expect(state.policy.locked).toContain('hotkey');
    expect((await runCommand(h, 'settings.update', { hotkey: 'CommandOrControl+Alt+K' })).ok).toBe(false);
    // The desk still raises a panic.
    expect((await runCommand(h, 'panic.trigger', { siteId: 'site_9944' })).ok).toBe(true);
    await h.close();
    open.splice(0);

    // Started again with the bad policy: the last good one is still in force.
    const again = await host(read({ holdMs: 'fast' }), dir);
    expect(again.getState().policy.problem).toMatch(/"holdMs"/);
    expect(again.getState().policy.locked).toContain('hotkey');
    expect((await runCommand(again, 'settings.update', { hotkey: 'CommandOrControl+Alt+K' })).ok).toBe(false);

    // A fixed policy clears the warning.
    await again.applyPolicy(read({ ...POLICY, holdMs: 100 }));
    expect(again.getState().policy.problem).toBeNull();
    expect(again.getState().settings.holdMs).toBe(100);
  });

  it('with Training turned off, a fresh desk waits for enrolment instead of practising', async () => {
    const h = await host(read({ trainingAllowed: false }));
    expect(h.getState().readiness.level).toBe('notConfigured');
    expect(h.simulator).toBeNull();
    expect(await runCommand(h, 'training.autoplay', { on: true })).toMatchObject({ ok: false });
  });
});
