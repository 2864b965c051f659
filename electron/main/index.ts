// Composition root of the Electron app: hands the real Electron API to the shell (shell.ts) and
// opens the desk. The type annotation on `api` is what proves that Electron fits the narrow
// ShellApi the modules and their tests are written against.
import { release } from 'node:os';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  net,
  Notification,
  protocol,
  session,
  Tray,
} from 'electron';
import type { DeskHost } from '../core/desk-host';
import { waitForDataFolder } from '../core/storage/folder-lock';
import { openAppHost } from './app-host';
import { openDiagnosticsLog } from './diagnostics-log';
import { appDiagnosticsShell } from './diagnostics-shell';
import { takeLastCrash } from './crash-capture';
import { enrolCommand, handoverData, readAll, wantsEnrol } from './enrol-cli';
import { exportCommand, exportTarget } from './export-cli';
import { createKeychainVault } from './keychain';
import { stripTlsEnvironment } from './launch-guard';
import { readManagedPolicy, systemPolicyDeps, watchPolicy } from './policy-sources';
import type { ShellApi } from './shell-api';
import { startShell } from './shell';
import { openStore } from './store';

const api: ShellApi = {
  app,
  protocol,
  BrowserWindow,
  ipcMain,
  globalShortcut,
  Tray,
  Menu,
  Notification,
  dialog,
  session,
  net,
};

// A packaged app lets no environment variable weaken TLS to AURA (docs/security-review.md). Node
// reads NODE_EXTRA_CA_CERTS only at start, so a process started with it starts again without it.
const TLS_RESTARTED = '--panic-desk-tls-env-restarted';
const tlsEnv = app.isPackaged ? stripTlsEnvironment(process.env) : { removed: [], mustRestart: false };
// Not for --enrol: its caller pipes the secret in and waits for this process's exit code (and
// already holds the secret it would be protecting).
const restarting = tlsEnv.mustRestart && !process.argv.includes(TLS_RESTARTED) && !wantsEnrol(process.argv);
if (restarting) {
  app.relaunch({ args: [...process.argv.slice(1), TLS_RESTARTED] });
  app.exit(0);
}

// Where the administrator's policy may come from: never from the environment in a packaged app.
const policyDepsReady = systemPolicyDeps({ packaged: app.isPackaged });
const readPolicy = async () => readManagedPolicy(await policyDepsReady);

// A fresh data folder for end-to-end runs (E2E_HOST=electron); ignored by a packaged app.
const dataDir = process.env.PANIC_DESK_DATA_DIR;
if (dataDir && !app.isPackaged) app.setPath('userData', dataDir);

// The OS's usual logs folder; an end-to-end run's own data folder keeps its logs with it.
const diagnostics = openDiagnosticsLog(dataDir && !app.isPackaged ? join(dataDir, 'logs') : app.getPath('logs'));
diagnostics.log.info(
  `Panic Desk ${app.getVersion()} starting (Electron ${process.versions.electron}, Node ${process.versions.node}, ${process.platform} ${release()})`,
);
app.on('before-quit', () => diagnostics.log.info('Panic Desk quitting'));
if (tlsEnv.removed.length) {
  diagnostics.log.warn(`Ignored environment variables that would weaken TLS to AURA: ${tlsEnv.removed.join(', ')}`);
}

/** The desk host: the saved connection, the administrator's policy, AURA through net.fetch. */
async function openHost(): Promise<DeskHost> {
  const userData = app.getPath('userData');
  const { store, problem } = openStore(userData);
  const policyDeps = await policyDepsReady;
  return openAppHost(net, {
    store,
    storeProblem: problem,
    lastCrash: takeLastCrash(userData),
    dataDir: userData,
    vault: createKeychainVault(),
    log: diagnostics.log,
    diagnostics: appDiagnosticsShell(dialog, app, diagnostics.files, (url) => session.defaultSession.resolveProxy(url)),
    // The administrator's policy (docs/policy.md), read before the desk opens and followed after.
    readPolicy,
    watchPolicy: (apply, initial) => watchPolicy(policyDeps, apply, { initial }),
    // One process per data folder (issue 20 finding 16), whatever the single-instance lock says.
    lockDataDir: true,
    // A packaged app's Setup takes https only (a local simulator is for development builds).
    plainHttpLoopback: !app.isPackaged,
  });
}

/**
 * `"Panic Desk" --enrol`: credentials from standard input into the keychain; no window. While the
 * app runs, the enrolment is handed to it (its single-instance lock); else this process enrols,
 * holding the data folder's lock while it writes.
 */
function enrolFromStdin(): Promise<number> {
  const userData = app.getPath('userData');
  return enrolCommand(api, {
    openStore: () => openStore(userData).store,
    vault: createKeychainVault(),
    readPolicy,
    handOver: (raw) => !app.requestSingleInstanceLock(handoverData(raw)),
    lockDataFolder: () => waitForDataFolder(userData),
    readStdin: () => readAll(process.stdin),
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
  });
}

/** `"Panic Desk" --export-diagnostics <file.zip>`: the diagnostics bundle; no window, no desk. */
function exportFromCli(file: string | null): Promise<number> {
  const userData = app.getPath('userData');
  return exportCommand(api, file, {
    dataDir: userData,
    openStore: () => openStore(userData).store,
    vault: createKeychainVault(),
    readPolicy,
    logFiles: diagnostics.files,
    versions: { app: app.getVersion(), host: 'electron (--export-diagnostics)' },
    resolveProxy: (url) => session.defaultSession.resolveProxy(url),
    redact: (text) => diagnostics.log.redact(text),
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
  });
}

const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(__dirname, '../../resources');

const exportFile = exportTarget(process.argv);
if (restarting) {
  // Nothing more in this process: the new one opens the desk.
} else if (wantsEnrol(process.argv)) {
  enrolFromStdin().then(
    (code) => app.exit(code),
    () => app.exit(1),
  );
} else if (exportFile !== undefined) {
  exportFromCli(exportFile).then(
    (code) => app.exit(code),
    () => app.exit(1),
  );
} else {
  startApp();
}

function startApp(): void {
  startShell(api, {
    openHost,
    preload: join(__dirname, '../preload/index.js'),
    rendererDir: join(__dirname, '../renderer'),
    resourcesDir,
    // Started at login from the AppImage itself when run from one (its mount path changes each run).
    executable: process.env.APPIMAGE ?? process.execPath,
    crash: { log: diagnostics.log, dataDir: app.getPath('userData') },
    argv: process.argv,
  }).catch((error: unknown) => {
    console.error('Panic Desk could not start:', error);
    diagnostics.log.error(`Panic Desk could not start: ${error instanceof Error ? error.message : String(error)}`);
    // Say so on screen too: an operator must never believe a desk is running when it is not.
    if (app.isReady()) {
      dialog.showErrorBox('Panic Desk could not start', error instanceof Error ? error.message : String(error));
    }
    app.exit(1);
  });
}
