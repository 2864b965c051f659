// Enrolment into the real keychain (a private Secret Service, test/support/secret-service.ts):
// `--enrol` from standard input and a one-time enrol.json each store the secret in the keychain,
// the file is gone afterwards, and — the canary — the secret is nowhere else on disk (data folder,
// the keyring's own encrypted files, the temporary folder of the run) nor in anything printed.
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionManager } from '../../electron/core/connection/connection';
import { accountFor } from '../../electron/core/connection/keychain-account';
import { DiagnosticsLog } from '../../electron/core/diagnostics/log';
import { RotatingFileLog } from '../../electron/core/diagnostics/rotating-file';
import { ENROL_FILE } from '../../electron/core/policy/enrol';
import { DeskHost } from '../../electron/core/desk-host';
import { runEnrolCli } from '../../electron/main/enrol-cli';
import { createKeychainVault } from '../../electron/main/keychain';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { openFileStore } from '../harness/file-store';
import { secretServiceMissing, startSecretService, type SecretService } from '../support/secret-service';

const STDIN_SECRET = 'CANARY-ENROL-STDIN-3c59dc048e88';
const FILE_SECRET = 'CANARY-ENROL-FILE-a87ff679a2f3e7';
const skipReason = secretServiceMissing();
if (skipReason) console.warn(`enrolment keychain test skipped: ${skipReason}`);

/** Every form a careless write would leave: raw, JSON-escaped, URL-encoded, base64. */
function formsOf(value: string): string[] {
  return [
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('base64url'),
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : entry.isFile() ? [join(dir, entry.name)] : [],
  );
}

describe.skipIf(Boolean(skipReason))('enrolment into the real keychain', () => {
  let service: SecretService;
  const sims: RunningSimulator[] = [];
  const printed: string[] = [];
  const root = mkdtempSync(join(tmpdir(), 'panic-desk-enrol-canary-'));

  beforeAll(async () => {
    service = await startSecretService();
    process.env.DBUS_SESSION_BUS_ADDRESS = service.busAddress;
  });
  afterAll(async () => {
    for (const s of sims) await s.close();
    await service?.stop();
  });

  it('by standard input and by enrol.json: each secret in the keychain, the file gone, no copy on disk', async () => {
    const stdinSim = await startSimulator({ clientId: 'desk-stdin', clientSecret: STDIN_SECRET });
    const fileSim = await startSimulator({ clientId: 'desk-file', clientSecret: FILE_SECRET });
    sims.push(stdinSim, fileSim);
    const vault = createKeychainVault({ platform: 'linux' });

    // 1. `--enrol` with the JSON on standard input, in its own user-data folder.
    const stdinDir = join(root, 'stdin-desk');
    const stdinStore = await openFileStore(stdinDir);
    const connections = new ConnectionManager({ store: stdinStore, vault });
    const code = await runEnrolCli({
      readStdin: async () =>
        JSON.stringify({
          clientId: 'desk-stdin',
          clientSecret: STDIN_SECRET,
          environment: 'custom',
          baseUrl: stdinSim.baseUrl,
        }),
      save: (input) => connections.save(input),
      policy: null,
      out: (l) => void printed.push(l),
      err: (l) => void printed.push(l),
    });
    expect(code, printed.join('\n')).toBe(0);
    expect(await vault.getSecret(accountFor('custom', stdinSim.baseUrl, 'desk-stdin'))).toBe(STDIN_SECRET);

    // 2. enrol.json dropped (mode 600) in another desk's user-data folder, imported at start.
    const fileDir = join(root, 'file-desk');
    const fileStore = await openFileStore(fileDir);
    const enrolFile = join(fileDir, ENROL_FILE);
    writeFileSync(
      enrolFile,
      JSON.stringify({
        clientId: 'desk-file',
        clientSecret: FILE_SECRET,
        environment: 'custom',
        baseUrl: fileSim.baseUrl,
      }),
      { mode: 0o600 },
    );
    chmodSync(enrolFile, 0o600);
    // With the diagnostics log the app keeps, in the same folder: it is scanned below too.
    const logFile = new RotatingFileLog(join(fileDir, 'logs', 'panic-desk.log'), { maxBytes: 65_536, files: 5 });
    const host = await DeskHost.open({ store: fileStore, dataDir: fileDir, vault, log: new DiagnosticsLog(logFile) });
    try {
      expect(existsSync(enrolFile)).toBe(false);
      expect(await vault.getSecret(accountFor('custom', fileSim.baseUrl, 'desk-file'))).toBe(FILE_SECRET);
      expect(host.getState().connection).toMatchObject({ clientId: 'desk-file', hasSecret: true });
      // The enrolled desk works: a press reaches AURA with the secret from the keychain.
      await host.invoke('panic.trigger', { siteId: 'site_9944' });
      for (let i = 0; i < 100 && host.getState().presses[0]?.status !== 'sent'; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(host.getState().presses[0]?.status).toBe('sent');
    } finally {
      await host.close();
    }

    // The canary: neither secret anywhere on disk outside the keychain's encrypted store.
    const scanned = [...filesUnder(root), ...filesUnder(service.home)];
    expect(scanned.length).toBeGreaterThan(3);
    expect(scanned.some((f) => f.endsWith('panic-desk.log'))).toBe(true);
    const leaks: string[] = [];
    for (const file of scanned) {
      const text = readFileSync(file).toString('utf8') + readFileSync(file).toString('latin1');
      for (const form of [...formsOf(STDIN_SECRET), ...formsOf(FILE_SECRET)]) {
        if (text.includes(form)) leaks.push(`${file}: ${form.slice(0, 12)}…`);
      }
    }
    expect(leaks).toEqual([]);
    expect(printed.join('\n')).not.toMatch(/CANARY-ENROL/);
  });
});
