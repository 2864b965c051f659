// Issue 21 finding 8, as a compromised page would try it: Setup's full check and saved
// credentials send the secret to the URL the page names. Under a policy that locks the base URL
// the full check is refused like saving is; in a packaged app (plainHttpLoopback: false) neither
// may name a plain-http loopback port. Each attempt must reach no server at all.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskHost } from '../../electron/core/desk-host';
import { mergePolicy, type PolicyRead } from '../../electron/core/policy/policy';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { memoryVault } from '../fakes/vault';
import { openFileStore } from '../harness/file-store';
import { runCommand } from '../support/run-command';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function sim(): Promise<RunningSimulator> {
  const s = await startSimulator({ clientId: 'desk', clientSecret: 'secret' });
  open.push(s);
  return s;
}

async function host(options: { policy?: PolicyRead | null; plainHttpLoopback?: boolean }): Promise<DeskHost> {
  const dir = mkdtempSync(join(tmpdir(), 'setup-guard-'));
  const h = await DeskHost.open({ store: await openFileStore(dir), dataDir: dir, vault: memoryVault(), ...options });
  open.push(h);
  return h;
}

const form = (baseUrl: string) => ({
  environment: 'custom' as const,
  baseUrl,
  clientId: 'desk',
  clientSecret: 'secret',
});

describe('Setup commands that send the secret somewhere', () => {
  it('the full check is held to a locked base URL, like saving', async () => {
    const real = await sim();
    const planted = await sim();
    const policy = mergePolicy([
      { name: 'policy.json', values: { environment: 'custom', baseUrl: real.baseUrl, locked: ['baseUrl'] } },
    ]);
    const h = await host({ policy });
    const check = await runCommand(h, 'setup.fullCheck', form(planted.baseUrl));
    expect(check).toMatchObject({ ok: false, error: { message: expect.stringContaining('"baseUrl"') } });
    expect(planted.requests).toHaveLength(0);
  });

  it('a packaged app refuses plain http to a loopback port for both, before any request', async () => {
    const local = await sim(); // stands for any service listening on this machine
    const h = await host({ plainHttpLoopback: false });
    for (const name of ['setup.fullCheck', 'setup.saveCredentials'] as const) {
      const answer = await runCommand(h, name, form(local.baseUrl));
      expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining('https://') } });
    }
    expect(local.requests).toHaveLength(0);
  });

  it('an unpacked build (and the harness) still checks a local simulator over http', async () => {
    const local = await sim();
    const h = await host({});
    expect(await runCommand(h, 'setup.fullCheck', form(local.baseUrl))).toMatchObject({ ok: true });
  });
});
