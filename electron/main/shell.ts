// The desktop shell around a running desk: one instance, a hardened session, the window (hidden,
// not closed, by its close button), IPC, the tray, the silent hotkey, notifications, start at
// login and a quit that asks while a callout is active. Each piece is its own module; this file
// only wires them, against the ShellApi, so the tests can run it on the fake Electron. Each piece
// takes only the part of the desk host (core/desk-host.ts) it uses.
import { join } from 'node:path';
import type { DeskHost } from '../core/desk-host';
import { APP_ID } from './app-id';
import { registerAppScheme, serveApp } from './app-protocol';
import { keepInTray, showWindow } from './close-to-tray';
import type { Logger } from '../core/ports';
import { installCrashCapture, type ProcessEvents } from './crash-capture';
import { bindHotkey } from './hotkey';
import { refusedSwitch } from './launch-guard';
import { bindSiteHotkeys } from './site-hotkeys';
import { registerIpc } from './ipc';
import { loginItemApplier, syncLoginItem } from './login-item';
import { electronNotifier, watchCalloutStages } from './notifications';
import { installQuitGuard, type QuitGuard } from './quit-guard';
import { hardenApp } from './security';
import type { ShellApi, ShellWindow } from './shell-api';
import { handedOverEnrolment } from './enrol-cli';
import { claimSingleInstance } from './single-instance';
import { createTray, type TrayLevel } from './tray';
import { appPage, createMainWindow } from './window';

/** What the shell uses of the desk host: the shell's pieces, commands from the page, and closing. */
export type ShellUse =
  | 'getState'
  | 'onChange'
  | 'pressFromShell'
  | 'hotkeyPressed'
  | 'setHotkeyStatus'
  | 'invoke'
  | 'describeFailure'
  | 'close'
  | 'enrolFromCommandLine';

export interface ShellOptions {
  openHost(): Promise<Pick<DeskHost, ShellUse>>;
  /** Built preload script. */
  preload: string;
  /** Folder of the built renderer (index.html). */
  rendererDir: string;
  /** Folder holding icon.png and tray/tray-<level>.png. */
  resourcesDir: string;
  platform?: NodeJS.Platform;
  /** The program start-at-login launches. */
  executable: string;
  /** The command line (process.argv): a packaged app refuses the remote-debugging switches. */
  argv?: readonly string[];
  /** Crash capture (crash-capture.ts): the diagnostics log, where the next start learns of a crash. */
  crash?: { log: Logger; dataDir: string; process?: ProcessEvents };
}

export interface RunningShell {
  window: ShellWindow;
  host: Pick<DeskHost, ShellUse>;
  quitGuard: QuitGuard;
}

export function trayIcon(resourcesDir: string, level: TrayLevel): string {
  return join(resourcesDir, 'tray', `tray-${level}.png`);
}

/** A packaged app started with a remote-debugging switch exits: DevTools would hand the page to another process. */
function refusesLaunch(app: ShellApi['app'], options: ShellOptions): boolean {
  if (!app.isPackaged) return false;
  const refused = refusedSwitch(options.argv ?? process.argv, options.platform ?? process.platform);
  if (!refused) return false;
  console.error(`Panic Desk refuses to start with ${refused}`);
  app.exit(1);
  return true;
}

/** Crash capture from the first moment, with the window and the hotkey as soon as they exist. */
function captureCrashes(
  api: ShellApi,
  options: ShellOptions,
  refs: { window(): ShellWindow | null; releaseHotkey(): void },
): void {
  if (!options.crash) return;
  installCrashCapture(api.app, options.crash.process ?? process, {
    ...options.crash,
    ...refs,
    tell: (title, body) => electronNotifier(api).notify(title, body),
  });
}

/** The silent hotkey and each site's own key (issue 24), released together (on quit, on a crash). */
function bindKeys(globalShortcut: ShellApi['globalShortcut'], host: Pick<DeskHost, ShellUse>): { dispose(): void } {
  const bindings = [bindHotkey(globalShortcut, host), bindSiteHotkeys(globalShortcut, host)];
  return { dispose: () => bindings.forEach((b) => b.dispose()) };
}

/**
 * `--enrol` while the app runs (issue 20 finding 12): a second launch hands its enrolment over the
 * single-instance channel, and the running desk host enrols once it is open.
 */
function enrolmentHandOver(): { handOver(data: unknown): void; opened(host: Pick<DeskHost, ShellUse>): void } {
  let opened: (host: Pick<DeskHost, ShellUse>) => void = () => undefined;
  const ready = new Promise<Pick<DeskHost, ShellUse>>((resolve) => (opened = resolve));
  return {
    handOver(data) {
      const raw = handedOverEnrolment(data);
      if (raw !== null) void ready.then((host) => host.enrolFromCommandLine(raw)).catch(() => undefined);
    },
    opened: (host) => opened(host),
  };
}

/** Starts the shell; resolves null when another instance already runs (this one then quits). */
export async function startShell(api: ShellApi, options: ShellOptions): Promise<RunningShell | null> {
  const { app } = api;
  if (refusesLaunch(app, options)) return null;
  let win: ShellWindow | null = null;
  let keys: { dispose(): void } | null = null;
  captureCrashes(api, options, { window: () => win, releaseHotkey: () => keys?.dispose() });
  const enrolments = enrolmentHandOver();
  if (!claimSingleInstance(app, () => win && !win.isDestroyed() && showWindow(win), enrolments.handOver)) {
    app.quit();
    return null;
  }
  // app:// must be privileged before ready; its handler can only be installed after.
  registerAppScheme(api.protocol);
  await app.whenReady();
  hardenApp(api);
  serveApp(api.protocol, options.rendererDir);
  if ((options.platform ?? process.platform) === 'win32') app.setAppUserModelId(APP_ID);

  const host = await options.openHost();
  enrolments.opened(host);
  const page = appPage(app.isPackaged);
  const mainWindow = createMainWindow(api, {
    preload: options.preload,
    page,
    icon: join(options.resourcesDir, 'icon.png'),
  });
  win = mainWindow;

  const stopIpc = registerIpc(api.ipcMain, {
    host,
    windows: () => (mainWindow.isDestroyed() ? [] : [mainWindow.webContents]),
    isAppUrl: page.isAppUrl,
  });
  const binding = bindKeys(api.globalShortcut, host);
  keys = binding;
  const stopNotifications = watchCalloutStages(host, electronNotifier(api));
  const stopLoginItem = syncLoginItem(
    host,
    loginItemApplier(app, { platform: options.platform ?? process.platform, executable: options.executable }),
  );

  const quitGuard = installQuitGuard(api, {
    host,
    async cleanup() {
      binding.dispose();
      stopNotifications();
      stopLoginItem();
      tray.destroy();
      stopIpc();
      await host.close();
    },
  });
  keepInTray(mainWindow, () => quitGuard.quitting);
  const tray = createTray(api, {
    host,
    iconFor: (level) => trayIcon(options.resourcesDir, level),
    show: () => showWindow(mainWindow),
    quit: () => quitGuard.requestQuit(),
  });

  // The desk lives in the tray: closing (hiding) the window never ends the app.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => showWindow(mainWindow));
  return { window: mainWindow, host, quitGuard };
}
