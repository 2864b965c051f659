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
  Notification,
  protocol,
  session,
  Tray,
} from 'electron';
import { ConnectionManager } from '../core/connection';
import { DeskHost } from '../core/desk-host';
import { waitForDataFolder } from '../core/storage/folder-lock';
import { openDiagnosticsLog } from './diagnostics-log';
import { appDiagnosticsShell } from './diagnostics-shell';
import { handoverData, readAll, runEnrolCli, wantsEnrol } from './enrol-cli';
import { createKeychainVault } from './keychain';
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
};

// A fresh data folder for end-to-end runs (E2E_HOST=electron); ignored by a packaged app.
const dataDir = process.env.PANIC_DESK_DATA_DIR;
if (dataDir && !app.isPackaged) app.setPath('userData', dataDir);

// The OS's usual logs folder; an end-to-end run's own data folder keeps its logs with it.
const diagnostics = openDiagnosticsLog(dataDir && !app.isPackaged ? join(dataDir, 'logs') : app.getPath('logs'));
diagnostics.log.info(
  `Panic Desk ${app.getVersion()} starting (Electron ${process.versions.electron}, Node ${process.versions.node}, ${process.platform} ${release()})`,
);
app.on('before-quit', () => diagnostics.log.info('Panic Desk quitting'));

/**
 * The desk host for the saved connection: Training on the embedded simulator, or the configured
 * AURA environment with its secret in the OS keychain. A keychain that cannot be used is the
 * readiness state "keychain unavailable", never a crash and never a plain-text fallback.
 */
async function openHost(): Promise<DeskHost> {
  const userData = app.getPath('userData');
  const { store, problem } = openStore(userData);
  // The administrator's policy (docs/policy.md), read before the desk opens and followed after.
  const policy = await readManagedPolicy(systemPolicyDeps);
  return DeskHost.open({
    store,
    dataDir: userData,
    vault: createKeychainVault(),
    startupProblems: problem ? [problem] : [],
    log: diagnostics.log,
    diagnostics: appDiagnosticsShell(dialog, app, diagnostics.files),
    policy,
    followPolicy: (apply) => watchPolicy(systemPolicyDeps, apply, { initial: policy }),
    // One process per data folder (issue 20 finding 16), whatever the single-instance lock says.
    lockDataDir: true,
  });
}

/**
 * `"Panic Desk" --enrol`: credentials from standard input into the keychain; no window. While the
 * app runs, the enrolment is handed to it (its single-instance lock); else this process enrols,
 * holding the data folder's lock while it writes.
 */
async function enrolFromStdin(): Promise<number> {
  const userData = app.getPath('userData');
  return runEnrolCli({
    readStdin: () => readAll(process.stdin),
    handOver: (raw) => !app.requestSingleInstanceLock(handoverData(raw)),
    async save(input) {
      const lock = await waitForDataFolder(userData);
      try {
        const { store } = openStore(userData);
        return await new ConnectionManager({ store, vault: createKeychainVault() }).save(input);
      } finally {
        lock.release();
      }
    },
    policy: await readManagedPolicy(systemPolicyDeps),
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
  });
}

const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(__dirname, '../../resources');

if (wantsEnrol(process.argv)) {
  enrolFromStdin().then(
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
