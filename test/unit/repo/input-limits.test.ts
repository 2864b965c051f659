// Finding 6 of the second security review, as attacks: oversized hotkeySiteId / shownSiteIds
// (they grew the settings file and every state event to 21 MB), `..` as a site or callout id
// (encodeURIComponent keeps it, so `/callouts/..` reached another route), CSV cells starting
// with TAB or CR (a formula once the spreadsheet skips them), a world-readable settings file,
// and `ws` shipped to users although only the test harness uses it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuraClient } from '../../../electron/core/aura/client';
import { AuditLog } from '../../../electron/core/audit/audit-log';
import { exportAuditCsv } from '../../../electron/core/audit/audit-csv';
import { runCommand } from '../../support/run-command';
import type { DeskHost } from '../../../electron/core/desk-host';
import { SiteInputSchema } from '../../../electron/shared/model/site';
import { openFileStore } from '../../harness/file-store';

const ROOT = resolve(__dirname, '../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'panic-desk-limits-'));
  dirs.push(dir);
  return dir;
}

/** A host that records what reached it: an attack that gets through shows up here. */
function recordingTarget(): { target: Pick<DeskHost, 'invoke'>; reached: string[] } {
  const reached: string[] = [];
  const invoke = async (name: string) => void reached.push(name);
  // The recorder answers every command with nothing; the cast joins it to the typed commands.
  return { target: { invoke } as unknown as Pick<DeskHost, 'invoke'>, reached };
}

describe('contract limits', () => {
  it.each([
    ['settings.update', { hotkeySiteId: 'x'.repeat(21_000_000) }],
    ['sites.choose', { shownSiteIds: Array.from({ length: 100_000 }, (_, i) => `site-${i}`) }],
    ['sites.choose', { shownSiteIds: ['y'.repeat(10_000)] }],
    ['panic.trigger', { siteId: '..' }],
    ['sites.delete', { siteId: '.' }],
    ['callout.reasons', { calloutId: '..' }],
    ['callout.message', { calloutId: '..', text: 'hello' }],
    ['training.advance', { calloutId: '..', step: 'close' }],
    ['panic.trigger', { siteId: 'site\u0000x' }],
  ])('refuses %s with an oversized or non-reference value before any handler', async (name, payload) => {
    const { target, reached } = recordingTarget();
    const result = await runCommand(target, name, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidPayload' } });
    expect(reached).toEqual([]);
  });

  it('still accepts ordinary references with dots in them', async () => {
    const { target, reached } = recordingTarget();
    expect(await runCommand(target, 'panic.trigger', { siteId: 'site.9944' })).toMatchObject({ ok: true });
    expect(await runCommand(target, 'callout.reasons', { calloutId: '992011' })).toMatchObject({ ok: true });
    expect(reached).toEqual(['panic.trigger', 'callout.reasons']);
  });

  it('does not create a site whose reference is only dots', () => {
    const base = { name: 'Gate', latitude: 0, longitude: 0 };
    expect(SiteInputSchema.safeParse({ ...base, externalReferenceId: '..' }).success).toBe(false);
    expect(SiteInputSchema.safeParse({ ...base, externalReferenceId: 'GATE.1' }).success).toBe(true);
  });
});

describe('the AURA client', () => {
  it('never puts `..` or `.` into a path, whoever asks', async () => {
    const requested: string[] = [];
    const client = new AuraClient({
      baseUrl: 'https://aura.test/v2',
      clientId: 'c',
      getSecret: async () => 's',
      keepWarm: false,
      fetch: async (input) => {
        requested.push(String(input));
        return new Response(JSON.stringify({ accessToken: 'tok-0123456789', expiresIn: 3600 }));
      },
    });
    await expect(client.getCallout('..')).rejects.toMatchObject({ kind: 'invalidRequest' });
    await expect(client.listCalloutEvents('.')).rejects.toMatchObject({ kind: 'invalidRequest' });
    await expect(client.raiseCallout('..')).rejects.toMatchObject({ kind: 'invalidRequest' });
    expect(requested.filter((u) => !u.endsWith('/oauth/token'))).toEqual([]);
  });
});

describe('CSV export', () => {
  it('defuses cells that start with TAB or CR as well as = + - @', () => {
    const log = new AuditLog(tempDir(), () => '\t=desk');
    for (const text of ['\t=HYPERLINK("http://evil")', '\r=1+1', '=1+1', '+1', '-1', '@SUM(A1)']) {
      log.record('failure', text);
    }
    const csv = exportAuditCsv(log);
    const cells = csv.match(/"(?:[^"]|"")*"/g) ?? [];
    const dangerous = cells.filter((c) => /^"[=+\-@\t\r]/.test(c));
    expect(dangerous).toEqual([]);
    expect(csv).toContain(`"'\t=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain(`"'\r=1+1"`);
  });
});

describe('the settings file', () => {
  it('is created readable by its owner only, and an older world-readable one is narrowed', async () => {
    const dir = tempDir();
    const store = await openFileStore(dir);
    store.set('settings', { deskName: 'Gate' });
    const file = join(dir, 'panic-desk.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const older = tempDir();
    writeFileSync(join(older, 'panic-desk.json'), '{"settings":{}}', { mode: 0o644 });
    await openFileStore(older);
    expect(statSync(join(older, 'panic-desk.json')).mode & 0o777).toBe(0o600);
  });

  it('is opened with mode 0600 by the app as well (electron-store)', () => {
    const source = readFileSync(join(ROOT, 'electron/main/store.ts'), 'utf8');
    expect(source).toMatch(/configFileMode: 0o600/);
    expect(source).toMatch(/chmodSync\(store\.path, 0o600\)/);
  });
});

describe('what ships', () => {
  it('does not ship ws: a dev dependency, never imported by the app', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.dependencies.ws).toBeUndefined();
    expect(pkg.devDependencies.ws).toBeDefined();
    const appFiles = (readdirSync(join(ROOT, 'electron'), { recursive: true }) as string[]).filter((f) =>
      f.endsWith('.ts'),
    );
    expect(appFiles.length).toBeGreaterThan(20);
    const importers = appFiles.filter((f) =>
      /from 'ws'|require\('ws'\)/.test(readFileSync(join(ROOT, 'electron', f), 'utf8')),
    );
    expect(importers).toEqual([]);
  });
});
