// The part of Electron's API the shell uses, as narrow structural types. Every main module takes
// what it needs from a ShellApi instead of importing `electron`, so that the tests can hand it the
// recorded fake in test/fakes/electron.ts (no Electron binary exists where the tests run). The
// composition root (index.ts) passes the real module; the type checker proves it fits.
import type { ShellProtocol } from './app-protocol';

/** An event whose default action a listener may cancel (navigation, quit, close). */
export interface PreventableEvent {
  preventDefault(): void;
}

export interface ShellFrame {
  readonly url: string;
  /** Null for a top frame. */
  readonly parent: ShellFrame | null;
}

export interface ShellWebContents {
  readonly id: number;
  readonly mainFrame: ShellFrame;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'devtools-opened', listener: () => void): unknown;
  closeDevTools(): void;
  reload(): void;
}

export interface ShellWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  backgroundColor: string;
  show: boolean;
  icon?: string;
  webPreferences: {
    preload: string;
    contextIsolation: boolean;
    sandbox: boolean;
    nodeIntegration: boolean;
    nodeIntegrationInWorker: boolean;
    nodeIntegrationInSubFrames: boolean;
    webSecurity: boolean;
    allowRunningInsecureContent: boolean;
    experimentalFeatures: boolean;
    webviewTag: boolean;
    navigateOnDragDrop: boolean;
    spellcheck: boolean;
    disableBlinkFeatures: string;
    devTools: boolean;
  };
}

export interface ShellWindow {
  readonly webContents: ShellWebContents;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isVisible(): boolean;
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
  loadFile(path: string): Promise<void>;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export interface ShellBrowserWindowClass {
  new (options: ShellWindowOptions): ShellWindow;
}

export interface LoginItemSettings {
  openAtLogin: boolean;
}

export interface ShellApp {
  readonly isPackaged: boolean;
  /** `additionalData` reaches the running instance's 'second-instance' listener. */
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(exitCode?: number): void;
  getPath(name: 'userData'): string;
  setPath(name: 'userData', path: string): void;
  setLoginItemSettings(settings: LoginItemSettings): void;
  setAppUserModelId(id: string): void;
  /** Starts a new instance when this one exits (after a fatal error). */
  relaunch(): void;
  on(
    event: 'render-process-gone',
    listener: (event: unknown, contents: ShellWebContents, details: { reason: string; exitCode: number }) => void,
  ): unknown;
  on(
    event: 'child-process-gone',
    listener: (event: unknown, details: { type: string; reason: string; exitCode: number; name?: string }) => void,
  ): unknown;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: ShellWebContents) => void): unknown;
}

export interface ShellInvokeEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: ShellFrame | null;
}

export interface ShellIpcMain {
  handle(channel: string, listener: (event: ShellInvokeEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface ShellGlobalShortcut {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface ShellMenuItem {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  click?: () => void;
}

/** A built menu is opaque to the shell: it is only handed back to the tray. */
export interface ShellMenu {
  buildFromTemplate(template: ShellMenuItem[]): unknown;
}

export interface ShellTray {
  /** A path to a PNG (Electron picks the @2x file beside it on high-density screens). */
  setImage(image: string): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface ShellTrayClass {
  new (image: string): ShellTray;
}

export interface ShellNotificationOptions {
  title: string;
  body: string;
  silent: boolean;
}

export interface ShellNotificationClass {
  new (options: ShellNotificationOptions): { show(): void };
  isSupported(): boolean;
}

export interface MessageBoxOptions {
  type: 'warning';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  title: string;
  message: string;
  detail: string;
  noLink: boolean;
}

export interface ShellDialog {
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
}

export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
export type PermissionCheckHandler = (webContents: unknown, permission: string) => boolean;

export interface ShellSession {
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler): void;
}

/** Electron's `net`: Chromium's network stack (system proxy, PAC, proxy sign-in, OS certificates). */
export interface ShellNet {
  /** Usable only after the app is ready. Rejects with Chromium's `net::ERR_*` names. */
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

export interface ShellApi {
  app: ShellApp;
  protocol: ShellProtocol;
  BrowserWindow: ShellBrowserWindowClass;
  ipcMain: ShellIpcMain;
  globalShortcut: ShellGlobalShortcut;
  Tray: ShellTrayClass;
  Menu: ShellMenu;
  Notification: ShellNotificationClass;
  dialog: ShellDialog;
  session: { readonly defaultSession: ShellSession };
  net: ShellNet;
}
