// Issue 11 item 4: Setup's "Run full check" through the contract command, as the screen runs it:
// the read-only walk for the form's credentials (or the saved secret), nothing saved or raised.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../support/run-command';
import { DeskHost } from '../../electron/core/desk-host';
import { memoryVault } from '../fakes/vault';
import { startSimulator } from '../../electron/simulator/server';
import { openFileStore } from '../harness/file-store';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

describe('setup.fullCheck', () => {
  it('runs the read-only walk, returns the report and changes nothing', async () => {
    const sim = await startSimulator({ clientId: 'desk-9', clientSecret: 'full-check-secret' });
    open.push(sim);
    const dir = mkdtempSync(join(tmpdir(), 'full-check-'));
    const vault = memoryVault();
    const host = await DeskHost.open({ store: await openFileStore(dir), dataDir: dir, vault });
    open.push(host);
    sim.state.raise(sim.state.locationByRef('site_9944')!, {});

    const ok = await runCommand(host, 'setup.fullCheck', {
      environment: 'custom',
      baseUrl: sim.baseUrl,
      clientId: 'desk-9',
      clientSecret: 'full-check-secret',
    });
    expect(ok.ok).toBe(true);
    const value = (ok as { ok: true; value: { passed: boolean; summary: string; markdown: string } }).value;
    expect(value.passed).toBe(true);
    expect(value.summary).toMatch(/^PASSED: 5 steps/);
    expect(value.markdown).toContain('List active callouts');
    expect(value.markdown).not.toContain('full-check-secret');
    // Read-only: no raise, no registration, nothing saved, still Training.
    expect(sim.requests.filter((r) => r.method !== 'GET' && r.op !== 'token')).toEqual([]);
    expect(sim.state.allCallouts()).toHaveLength(1);
    expect(host.getState().environment).toBe('training');
    // Nothing in the keychain under any account (the account names the URL since issue 12).
    expect([...vault.secrets.keys()]).toEqual([]);

    const wrong = await runCommand(host, 'setup.fullCheck', {
      environment: 'custom',
      baseUrl: sim.baseUrl,
      clientId: 'desk-9',
      clientSecret: 'not-it',
    });
    expect(wrong).toMatchObject({ ok: true, value: { passed: false } });
    expect((wrong as { ok: true; value: { summary: string } }).value.summary).toMatch(
      /^FAILED: 1 steps.*Token exchange/,
    );

    const noSecret = await runCommand(host, 'setup.fullCheck', {
      environment: 'custom',
      baseUrl: sim.baseUrl,
      clientId: 'desk-9',
    });
    expect(noSecret).toMatchObject({ ok: false, error: { message: /client secret/ } });
    const production = await runCommand(host, 'setup.fullCheck', { environment: 'production', clientId: 'x' });
    expect(production).toMatchObject({ ok: false, error: { code: 'invalidPayload' } });
  });
});
