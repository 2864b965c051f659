// The app's one window, locked down: no Node in the page, sandboxed, isolated, web security on,
// no navigation, no new windows, no webviews, devtools only in development. The page is served
// from app://panic-desk/ (app-protocol.ts), never file://, and carries a CSP with no network
// sources (renderer/index.html, and as a header).
// The options are written out literally at `new BrowserWindow` so that electronegativity (npm run
// security) can read them; a helper building them would hide them from the scanner.
import { APP_PAGE_URL, isAppPageUrl } from './app-protocol';
import type { ShellApi, ShellWindow } from './shell-api';

/** Where the app's page comes from, and how to recognise it in a sender frame's URL. */
export interface AppPage {
  load(win: ShellWindow): Promise<void>;
  /** True for the app's own page only (any other file or site is foreign). */
  isAppUrl(url: string): boolean;
}

const LOOPBACK_DEV = /^http:\/\/(127\.0\.0\.1|localhost):\d+\/?$/;

/**
 * The built page is one exact URL, app://panic-desk/index.html (served from the renderer folder
 * by app-protocol.ts). The dev server (electron-vite) is honoured only in an unpackaged app and
 * only on this machine: an environment variable must never make the packaged app load a remote
 * page next to the preload.
 */
export function appPage(isPackaged: boolean, devUrl = process.env.ELECTRON_RENDERER_URL): AppPage {
  if (!isPackaged && devUrl && LOOPBACK_DEV.test(devUrl)) {
    const origin = new URL(devUrl).origin;
    return {
      load: (win) => win.loadURL(devUrl),
      isAppUrl: (url) => originOf(url) === origin,
    };
  }
  return {
    load: (win) => win.loadURL(APP_PAGE_URL),
    isAppUrl: isAppPageUrl,
  };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export interface WindowOptions {
  preload: string;
  page: AppPage;
  icon?: string;
}

export function createMainWindow(api: Pick<ShellApi, 'app' | 'BrowserWindow'>, options: WindowOptions): ShellWindow {
  const { BrowserWindow } = api;
  const development = !api.app.isPackaged;
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 520,
    title: 'Panic Desk',
    backgroundColor: '#101418',
    show: false,
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click on a link would ask for a new window (denied anyway): not even that.
      disableBlinkFeatures: 'Auxclick',
      devTools: development,
    },
  });
  win.once('ready-to-show', () => win.show());
  lockDown(win.webContents, development);
  void options.page.load(win);
  return win;
}

const lockedDown = new WeakSet<object>();

/** No navigation away from the page, no new windows, no webviews; devtools closed when packaged. */
export function lockDown(contents: ShellWindow['webContents'], development: boolean): void {
  // Applied both app-wide (security.ts) and per window; once is enough.
  if (lockedDown.has(contents)) return;
  lockedDown.add(contents);
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (!development) contents.on('devtools-opened', () => contents.closeDevTools());
}
