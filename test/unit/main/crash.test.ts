// Crash and error capture on the fake Electron: a fatal error in main is logged (redacted),
// releases the global hotkey, relaunches (not in a crash loop) and the next start tells the
// operator; a dead renderer is reloaded and the operator told; helper processes and unhandled
// rejections are logged. And `--export-diagnostics <file>` writes the zip without a window.
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rememberSecret } from '../../../electron/core/diagnostics/redact';
import { DiagnosticsLog } from '../../../electron/core/diagnostics/log';
import { hashCodes } from '../../../electron/core/policy/cancel-codes';
import { accountFor } from '../../../electron/core/connection/keychain-account';
import { openAppHost } from '../../../electron/main/app-host';
import { takeLastCrash } from '../../../electron/main/crash-capture';
import { exportCommand, exportTarget } from '../../../electron/main/export-cli';
import { startShell } from '../../../electron/main/shell';
import { DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import { createFakeElectron } from '../../fakes/electron';
import { deskState, FakeDeskHost, SITE } from '../../fakes/desk-host';
import { memoryStore } from '../../fakes/store';
import { memoryVault } from '../../fakes/vault';
import { readBundle } from '../../support/bundle';

const SECRET = 'crash-canary-secret-7731';
rememberSecret(SECRET);
const tmp = () => mkdtempSync(join(tmpdir(), 'crash-'));
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function memoryLog() {
  const lines: string[] = [];
  const log = new DiagnosticsLog({
    info: (l) => lines.push(`info ${l}`),
    warn: (l) => lines.push(`warn ${l}`),
    error: (l) => lines.push(`error ${l}`),
  });
  return { lines, log };
}

async function shellWithCrashCapture() {
  const fake = createFakeElectron({ isPackaged: true });
  const proc = new EventEmitter();
  const dataDir = tmp();
  const { lines, log } = memoryLog();
  const desk = new FakeDeskHost({ settings: { ...DEFAULT_SETTINGS, hotkeySiteId: SITE.id } });
  await startShell(fake.api, {
    openHost: async () => desk,
    preload: '/p.js',
    rendererDir: '/r',
    resourcesDir: '/res',
    platform: 'linux',
    executable: '/usr/bin/panic-desk',
    crash: { log, dataDir, process: proc },
  });
  return { fake, proc, dataDir, lines, win: fake.windows[0] };
}

describe('a fatal error in main', () => {
  it('is logged redacted, releases the hotkey, relaunches, and the next start says so once', async () => {
    const { fake, proc, dataDir, lines } = await shellWithCrashCapture();
    expect(fake.calls('globalShortcut.register')).toHaveLength(1);
    proc.emit('uncaughtException', new Error(`boom near ${SECRET}`));
    expect(lines.find((l) => l.startsWith('error fatal: uncaught exception in main: Error: boom near'))).toBeDefined();
    expect(lines.join('\n')).not.toContain(SECRET);
    const order = fake.log.map((e) => e.what).filter((w) => /unregister|relaunch|exit/.test(w));
    expect(order).toEqual(['globalShortcut.unregister', 'app.relaunch', 'app.exit']);
    expect(fake.calls('app.exit')[0]?.args).toEqual([1]);
    const told = takeLastCrash(dataDir);
    expect(told).toMatch(
      /^Panic Desk stopped unexpectedly at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC and was restarted \(Error: boom near \[redacted\]\)/,
    );
    expect(takeLastCrash(dataDir)).toBeNull();
  });

  it('stops relaunching after three fatal errors in two minutes', async () => {
    const { fake, proc } = await shellWithCrashCapture();
    for (let i = 0; i < 3; i++) proc.emit('uncaughtException', new Error(`crash ${i}`));
    expect(fake.calls('app.relaunch')).toHaveLength(2);
    expect(fake.calls('app.exit')).toHaveLength(3);
  });

  it('the next start shows it as a notice on the desk', async () => {
    const fake = createFakeElectron();
    await fake.app.whenReady();
    const host = await openAppHost(fake.api.net, {
      store: memoryStore(),
      storeProblem: null,
      lastCrash: 'Panic Desk stopped unexpectedly at 2026-12-06 02:00 UTC and was restarted (Error: boom).',
      dataDir: tmp(),
      vault: memoryVault(),
      readPolicy: async () => null,
      watchPolicy: () => () => undefined,
    });
    closers.push(() => host.close());
    expect(host.getState().notices.map((n) => n.text)).toContain(
      'Panic Desk stopped unexpectedly at 2026-12-06 02:00 UTC and was restarted (Error: boom).',
    );
  });

  it('an unhandled rejection is logged', async () => {
    const { proc, lines } = await shellWithCrashCapture();
    proc.emit('unhandledRejection', new TypeError('nope'));
    expect(lines).toContain('error unhandled rejection in main: TypeError: nope');
  });
});

describe('a process that dies', () => {
  it('a dead renderer is logged, reloaded and the operator told; a clean exit is left alone', async () => {
    const { fake, lines, win } = await shellWithCrashCapture();
    fake.app.emit('render-process-gone', {}, win?.webContents, { reason: 'crashed', exitCode: 139 });
    expect(lines).toContain('error renderer gone: crashed (exit code 139)');
    expect(fake.calls('webContents.reload')).toHaveLength(1);
    expect(fake.notifications.map((n) => n.title)).toContain('Panic Desk: the screen was restarted');
    fake.app.emit('render-process-gone', {}, win?.webContents, { reason: 'clean-exit', exitCode: 0 });
    expect(fake.calls('webContents.reload')).toHaveLength(1);
  });

  it('a helper process that dies is logged', async () => {
    const { fake, lines } = await shellWithCrashCapture();
    fake.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 9 });
    expect(lines).toContain('warn GPU process gone: crashed (exit code 9)');
  });
});

describe('"Panic Desk" --export-diagnostics <file>', () => {
  it('finds the file on the command line', () => {
    expect(exportTarget(['/app', '--export-diagnostics', 'out.zip'])).toBe('out.zip');
    expect(exportTarget(['/app', '--export-diagnostics'])).toBeNull();
    expect(exportTarget(['/app'])).toBeUndefined();
  });

  it('writes one zip without a window: policy with sources, hotkey, unsent presses, network route', async () => {
    const fake = createFakeElectron();
    const dataDir = tmp();
    const baseUrl = 'https://aura.example.com/panic-api/v2';
    const account = accountFor('custom', baseUrl, 'desk-7');
    const store = memoryStore({
      connection: { environment: 'custom', baseUrl, clientId: 'desk-7', account },
      settings: { ...DEFAULT_SETTINGS, hotkey: 'CommandOrControl+Alt+Shift+P' },
    });
    const vault = memoryVault();
    await vault.setSecret(account, SECRET);
    const press = {
      ...deskState().presses[0],
      id: 'p1',
      siteId: 'site_9944',
      source: 'button',
      pressedAt: 1,
      status: 'notSent',
      attempts: 2,
      lastError: 'x',
      calloutId: null,
    };
    writeFileSync(join(dataDir, 'outbox-custom.json'), JSON.stringify([press, { ...press, id: 'p2', status: 'sent' }]));
    const logFile = join(dataDir, 'main.log');
    writeFileSync(logFile, `a line with ${SECRET}\n`);
    const out: string[] = [];
    const file = join(dataDir, 'bundle.zip');
    const code = await exportCommand(fake.api, file, {
      dataDir,
      openStore: () => store,
      vault,
      readPolicy: async () => ({
        ok: true,
        policy: { deskName: 'Gate 3', cancelCodes: { cancel: await hashCodes(['246813'], { logN: 10 }), duress: [] } },
        sources: ['/etc/panic-desk/policy.json'],
        origins: { deskName: '/etc/panic-desk/policy.json', cancelCodes: '/etc/panic-desk/policy.json' },
      }),
      logFiles: () => [logFile],
      versions: { app: '0.1.0' },
      resolveProxy: async () => 'PROXY proxy.corp:8080',
      redact: (t) => new DiagnosticsLog({ info() {}, warn() {}, error() {} }).redact(t),
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(out).toEqual([`Diagnostics written to ${file}`]);
    expect(code).toBe(0);
    expect(fake.windows).toHaveLength(0);
    const zip = readBundle(file);
    expect(JSON.stringify(zip)).not.toContain(SECRET);
    expect(JSON.stringify(zip)).not.toContain('scrypt$');
    expect(JSON.parse(zip['summary.json'] ?? '')).toMatchObject({
      aura: { environment: 'custom', clientId: 'desk-7', secretInKeychain: true },
      hotkey: { accelerator: 'CommandOrControl+Alt+Shift+P', registered: 'not known in this process' },
      presses: { unsent: 1, refused: 0 },
      network: { proxy: 'PROXY proxy.corp:8080' },
    });
    expect(JSON.parse(zip['policy.json'] ?? '')).toMatchObject({
      values: { deskName: { value: 'Gate 3', source: '/etc/panic-desk/policy.json' } },
    });
  });

  it('without a file it says how to use it', async () => {
    const fake = createFakeElectron();
    const out: string[] = [];
    const code = await exportCommand(fake.api, null, {
      dataDir: tmp(),
      openStore: () => memoryStore(),
      vault: memoryVault(),
      readPolicy: async () => null,
      logFiles: () => [],
      versions: {},
      resolveProxy: async () => 'DIRECT',
      redact: (t) => t,
      out: (l) => out.push(l),
      err: (l) => out.push(l),
    });
    expect(code).toBe(2);
    expect(out).toEqual(['Usage: "Panic Desk" --export-diagnostics <file.zip>']);
  });
});
