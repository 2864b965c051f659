// Issue 11 item 3, the keychain half: `npm run aura:check` reads the secret from the keychain entry
// the desk uses (bound to environment, base URL and client id since issue 12) when nothing comes
// on standard input, and never takes an entry saved for another URL. Against a throwaway Secret
// Service (test/support/secret-service.ts); skipped only when its tools are not installed.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFor } from '../../electron/core/connection/keychain-account';
import { createKeychainVault } from '../../electron/main/keychain';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { runAuraCheck } from '../support/aura-check-cli';
import { secretServiceMissing, startSecretService, type SecretService } from '../support/secret-service';

const SECRET = 'keychain "check" secret 100% ü';
const skipReason = secretServiceMissing();
if (skipReason) console.warn(`aura:check keychain test skipped: ${skipReason}`);

let service: SecretService | null = null;
let saved: RunningSimulator;
let other: RunningSimulator;

/** The command line with nothing on standard input, talking to the throwaway Secret Service. */
const runCli = (args: string[]) => runAuraCheck(args, '', { DBUS_SESSION_BUS_ADDRESS: service?.busAddress ?? '' });

describe.skipIf(Boolean(skipReason))('aura:check with the secret in the keychain', () => {
  beforeAll(async () => {
    service = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = service.busAddress;
    saved = await startSimulator({ clientId: 'demo', clientSecret: SECRET });
    other = await startSimulator({ clientId: 'demo', clientSecret: SECRET });
    // As the desk saves it after "Save and verify" for Custom at `saved`'s URL.
    await createKeychainVault({ platform: 'linux' }).setSecret(accountFor('custom', saved.baseUrl, 'demo'), SECRET);
  }, 60_000);
  afterAll(async () => {
    await saved?.close();
    await other?.close();
    await service?.stop();
  });

  it("uses the desk's entry for that URL and client id, and keeps it out of the report", async () => {
    const out = mkdtempSync(join(tmpdir(), 'aura-check-keychain-'));
    const run = await runCli(['--base-url', saved.baseUrl, '--client-id', 'demo', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^PASSED: \d+ steps/m);
    expect(saved.requests.some((r) => r.op === 'token' && r.status === 200)).toBe(true);
    for (const f of readdirSync(out)) expect(readFileSync(join(out, f), 'utf8')).not.toContain(SECRET);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  }, 120_000);

  it('does not lend that entry to another URL: no secret, no request', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aura-check-keychain-'));
    const run = await runCli(['--base-url', other.baseUrl, '--client-id', 'demo', '--out', out]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('no secret in the keychain for');
    expect(run.stderr).toContain('no client secret');
    expect(other.requests).toEqual([]);
  }, 120_000);
});
