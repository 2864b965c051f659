#!/usr/bin/env node
// `npm start` (`node scripts/start.mjs`) and `npm run dev` (`node scripts/start.mjs dev`).
// Since Electron 42 the `electron` package downloads its binary on first use, not at `npm ci`,
// and electron-vite 6.0.0 throws "Electron uninstall" when it is missing. So: build, make sure the
// binary is there with Electron's own installer (idempotent; honours ELECTRON_MIRROR, the download
// cache and ELECTRON_OVERRIDE_DIST_PATH), then run electron-vite. Where the binary cannot be had,
// say so in a few plain lines and serve the very same app in the browser harness (Training mode)
// instead, so that a newcomer always sees the app. Exits non-zero only when neither can run.
//
// Options: `dev` (hot reload instead of preview), `--skip-build` (out/ is already built).
// PANIC_DESK_ELECTRON_INSTALLER: a Node script to run instead of electron/install.js (tests).
/* global console, process */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const ELECTRON_DIR = dirname(require.resolve('electron/package.json'));
const ELECTRON_VITE = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
const TSX = join(dirname(require.resolve('tsx/package.json')), 'dist/cli.mjs');

const args = process.argv.slice(2);
const mode = args.includes('dev') ? 'dev' : 'preview';
const skipBuild = args.includes('--skip-build');

/** The child running now: a stop signal to this script is passed on to it. */
let current = null;
/** Set by Ctrl+C or a stop signal: how the child then ends is no failure. */
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    if (current && current.exitCode === null) current.kill(signal);
    else process.exit(1);
  });
}

/** Runs a Node script; resolves with its exit code and what it wrote to stderr. */
function runNode(script, scriptArgs, { quiet = false, env = process.env } = {}) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [script, ...scriptArgs], {
      cwd: ROOT,
      env,
      stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
    });
    current = child;
    let stderr = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => done({ code: 1, stderr: error.message }));
    child.on('close', (code, signal) => done({ code: code ?? (signal ? 1 : 0), stderr }));
  });
}

/** Where Electron's executable sits inside its dist folder, as its own installer names it. */
function platformPath() {
  const platform = process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform;
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  return platform === 'win32' ? 'electron.exe' : 'electron';
}

/** The installer's own words, without its stack trace: its last error line (e.g. "TypeError: fetch failed"). */
function lastError(stderr) {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at ') && !/^Node\.js v\d/.test(l));
  const error = lines.findLast((l) => /^[\w.]*(Error|Exception)\b/.test(l)) ?? lines.at(-1);
  return error?.slice(0, 300) || 'it failed without saying why';
}

/** The Electron executable to run, or why there is none. */
async function ensureElectron() {
  const given = process.env.ELECTRON_EXEC_PATH;
  if (given) return existsSync(given) ? { path: given } : { problem: `ELECTRON_EXEC_PATH=${given} does not exist` };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, platformPath());
    return existsSync(path) ? { path } : { problem: `ELECTRON_OVERRIDE_DIST_PATH has no ${platformPath()} (${path})` };
  }
  const installer = process.env.PANIC_DESK_ELECTRON_INSTALLER || join(ELECTRON_DIR, 'install.js');
  console.log('Panic Desk: making sure the Electron binary is installed (downloaded once, then cached)…');
  const { code, stderr } = await runNode(installer, [], { quiet: true });
  if (code !== 0) return { problem: `Electron's installer failed: ${lastError(stderr)}` };
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  const path = existsSync(pathFile) ? join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  if (!path || !existsSync(path)) return { problem: "Electron's installer finished but left no executable" };
  return { path };
}

function explain(problem) {
  const lines = [
    '',
    `Panic Desk cannot open its desktop window: ${problem}.`,
    "  Electron's binary is not part of `npm ci`: it is downloaded on first start from Electron's release host.",
    '  To get the window, point the installer at a mirror, or use an Electron 45 you already have:',
    '    ELECTRON_MIRROR=https://<your mirror>/electron/ npm start',
    '    ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-45-folder npm start',
    '  The tests do not need it: `npm test` runs the core under Node and the screen in Chromium.',
    'Serving the same app in your browser instead (Training mode: no responders are dispatched).',
    '',
  ];
  console.log(lines.join('\n'));
}

/** The browser harness in the foreground; its own output (with its URL) passes through. */
function serveInBrowser() {
  const child = spawn(process.execPath, [TSX, join(ROOT, 'test/harness/server.ts')], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  current = child;
  child.on('error', (error) => {
    console.error(`Panic Desk could not start the browser harness either: ${error.message}`);
    process.exit(1);
  });
  child.on('close', (code, signal) => {
    if (code !== 0 && signal === null && !stopping) {
      console.error('Panic Desk could not start the browser harness either (see above): nothing is running.');
      process.exit(code || 1);
    }
    process.exit(0);
  });
}

async function main() {
  if (!skipBuild && mode === 'preview') {
    const built = await runNode(ELECTRON_VITE, ['build']);
    if (built.code !== 0) process.exit(built.code);
  }
  const electron = await ensureElectron();
  if (electron.path) {
    const env = { ...process.env, ELECTRON_EXEC_PATH: electron.path };
    const viteArgs = mode === 'dev' ? ['dev'] : ['preview', '--skipBuild'];
    const ran = await runNode(ELECTRON_VITE, viteArgs, { env });
    process.exit(ran.code);
  }
  explain(electron.problem);
  // `dev` does not build out/ itself when it cannot start Electron: the harness needs it.
  if (mode === 'dev' && !skipBuild) {
    const built = await runNode(ELECTRON_VITE, ['build']);
    if (built.code !== 0) process.exit(built.code);
  }
  serveInBrowser();
}

void main();
