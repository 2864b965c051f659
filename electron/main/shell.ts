// The desktop shell around a running desk: one instance, a hardened session, the window (hidden,
// not closed, by its close button), IPC, the tray, the silent hotkey, notifications, start at
// login and a quit that asks while a callout is active. Each piece is its own module; this file
// only wires them, against the ShellApi, so the tests can run it on the fake Electron.
import { join } from 'node:path';
import type { WireHost } from '../shared/wire';
import { APP_ID } from './app-id';
import { registerAppScheme, serveApp } from './app-protocol';
import { keepInTray, showWindow } from './close-to-tray';
import { bindHotkey, type HotkeyDesk } from './hotkey';
import { registerIpc } from './ipc';
import { loginItemApplier, syncLoginItem, type LoginItemDesk } from './login-item';
import { electronNotifier, watchCalloutStages, type NotificationDesk } from './notifications';
import { installQuitGuard, type QuitDesk, type QuitGuard } from './quit-guard';
import { hardenApp } from './security';
import type { ShellApi, ShellWindow } from './shell-api';
import { claimSingleInstance } from './single-instance';
import { createTray, type TrayDesk, type TrayLevel } from './tray';
import { appPage, createMainWindow } from './window';

export type ShellDesk = HotkeyDesk & TrayDesk & NotificationDesk & QuitDesk & LoginItemDesk;

/** A running desk as the shell sees it. */
export interface ShellSession {
  desk: ShellDesk;
  /** The desk as the page's wire serves it: contract commands (validated by the wire) and state events. */
  wire: WireHost;
  close(): Promise<void>;
}

export interface ShellOptions {
  openSession(): Promise<ShellSession>;
  /** Built preload script. */
  preload: string;
  /** Folder of the built renderer (index.html). */
  rendererDir: string;
  /** Folder holding icon.png and tray/tray-<level>.png. */
  resourcesDir: string;
  platform?: NodeJS.Platform;
  /** The program start-at-login launches. */
  executable: string;
}

export interface RunningShell {
  window: ShellWindow;
  session: ShellSession;
  quitGuard: QuitGuard;
}

export function trayIcon(resourcesDir: string, level: TrayLevel): string {
  return join(resourcesDir, 'tray', `tray-${level}.png`);
}

/** Starts the shell; resolves null when another instance already runs (this one then quits). */
export async function startShell(api: ShellApi, options: ShellOptions): Promise<RunningShell | null> {
  const { app } = api;
  let win: ShellWindow | null = null;
  if (!claimSingleInstance(app, () => win && !win.isDestroyed() && showWindow(win))) {
    app.quit();
    return null;
  }
  // app:// must be privileged before ready; its handler can only be installed after.
  registerAppScheme(api.protocol);
  await app.whenReady();
  hardenApp(api);
  serveApp(api.protocol, options.rendererDir);
  if ((options.platform ?? process.platform) === 'win32') app.setAppUserModelId(APP_ID);

  const session = await options.openSession();
  const { desk } = session;
  const page = appPage(app.isPackaged);
  const mainWindow = createMainWindow(api, {
    preload: options.preload,
    page,
    icon: join(options.resourcesDir, 'icon.png'),
  });
  win = mainWindow;

  const stopIpc = registerIpc(api.ipcMain, {
    host: session.wire,
    windows: () => (mainWindow.isDestroyed() ? [] : [mainWindow.webContents]),
    isAppUrl: page.isAppUrl,
  });
  const hotkey = bindHotkey(api.globalShortcut, desk);
  const stopNotifications = watchCalloutStages(desk, electronNotifier(api));
  const stopLoginItem = syncLoginItem(
    desk,
    loginItemApplier(app, { platform: options.platform ?? process.platform, executable: options.executable }),
  );

  const quitGuard = installQuitGuard(api, {
    desk,
    async cleanup() {
      hotkey.dispose();
      stopNotifications();
      stopLoginItem();
      tray.destroy();
      stopIpc();
      await session.close();
    },
  });
  keepInTray(mainWindow, () => quitGuard.quitting);
  const tray = createTray(api, {
    desk,
    iconFor: (level) => trayIcon(options.resourcesDir, level),
    show: () => showWindow(mainWindow),
    quit: () => quitGuard.requestQuit(),
  });

  // The desk lives in the tray: closing (hiding) the window never ends the app.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => showWindow(mainWindow));
  return { window: mainWindow, session, quitGuard };
}
