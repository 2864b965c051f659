// `npm start` (scripts/start.mjs) on a machine where Electron's binary cannot be downloaded — the
// everyday case where this project is built and tested: it says why in plain words, then serves
// the same app in the browser harness at the URL the harness prints; it fails only when neither
// can run. And where an Electron executable is given, it runs that instead of the harness.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/start.mjs');
// Fixed local ports, away from the harness's default (5178) and the end-to-end run's.
const PORT = 5201;
const BUSY_PORT = 5202;

let child: ChildProcess | null = null;
let blocker: Server | null = null;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((ok) => child?.once('close', ok));
    child.kill('SIGTERM');
    await gone;
  }
  child = null;
  await new Promise<void>((ok) => (blocker ? blocker.close(() => ok()) : ok()));
  blocker = null;
});

beforeAll(() => {
  // The harness serves the built renderer; `npm test` builds first, a targeted run may not have.
  if (existsSync(join(ROOT, 'out/renderer/index.html')) && existsSync(join(ROOT, 'out/main/index.js'))) return;
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('electron-vite build failed');
}, 300_000);

function failingInstaller(): string {
  const dir = mkdtempSync(join(tmpdir(), 'panic-desk-start-'));
  const file = join(dir, 'install.js');
  // What Electron's installer prints where its download host is unreachable: a stack, exit 1.
  writeFileSync(
    file,
    "console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:1:1'); process.exit(1);\n",
  );
  return file;
}

/** Runs the start script; collects its output; resolves once `until` matches it (or it exits). */
function start(env: Record<string, string>, until: RegExp): Promise<{ output: string; code: number | null }> {
  return new Promise((done) => {
    let output = '';
    const proc = spawn(process.execPath, [SCRIPT, '--skip-build'], {
      cwd: ROOT,
      env: { ...process.env, ELECTRON_EXEC_PATH: '', ELECTRON_OVERRIDE_DIST_PATH: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (until.test(output)) done({ output, code: null });
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('close', (code) => done({ output, code }));
  });
}

describe('npm start where Electron cannot be downloaded', () => {
  it('says what failed and how to get Electron, then serves the app in the browser at the printed URL', async () => {
    const { output, code } = await start(
      { PANIC_DESK_ELECTRON_INSTALLER: failingInstaller(), PANIC_DESK_PORT: String(PORT) },
      /at (http:\/\/\S+)/,
    );
    expect(code, output).toBeNull(); // still running: serving the app
    expect(output).toContain("Electron's installer failed: TypeError: fetch failed");
    expect(output).toContain('ELECTRON_MIRROR=');
    expect(output).toContain('ELECTRON_OVERRIDE_DIST_PATH=');
    expect(output).toMatch(/tests do not need it/);
    expect(output).toMatch(/Training mode/);
    expect(output).not.toMatch(/^\s+at /m); // no stack trace for a newcomer

    const url = /at (http:\/\/\S+)/.exec(output)?.[1] ?? '';
    expect(url).toContain(`:${PORT}`);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/__harness/bridge.js');

    const closed = new Promise<number | null>((ok) => child?.once('close', (c) => ok(c)));
    child?.kill('SIGTERM');
    expect(await closed).toBe(0);
  });

  it('exits non-zero, saying so, when the browser harness cannot run either', async () => {
    blocker = createServer();
    await new Promise<void>((ok) => blocker?.listen(BUSY_PORT, '127.0.0.1', () => ok()));
    const { output, code } = await start(
      { PANIC_DESK_ELECTRON_INSTALLER: failingInstaller(), PANIC_DESK_PORT: String(BUSY_PORT) },
      /(?!)/,
    );
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toMatch(/EADDRINUSE/);
    expect(output).toMatch(/could not start the browser harness either/);
  });
});

describe.skipIf(process.platform === 'win32')('npm start where an Electron executable is given', () => {
  it('runs the app with it through electron-vite and serves no harness', async () => {
    // A stand-in for Electron 45: prints what it was started with, as the real one would start the app.
    const dir = mkdtempSync(join(tmpdir(), 'panic-desk-electron-'));
    const fake = join(dir, 'electron');
    writeFileSync(fake, '#!/bin/sh\necho "stand-in electron started with: $*"\n');
    chmodSync(fake, 0o755);
    const { output, code } = await start(
      { ELECTRON_OVERRIDE_DIST_PATH: dir, PANIC_DESK_ELECTRON_INSTALLER: failingInstaller() },
      /(?!)/,
    );
    expect(code, output).toBe(0);
    expect(output).toContain('stand-in electron started with: .');
    expect(output).not.toContain('browser');
  });
});
