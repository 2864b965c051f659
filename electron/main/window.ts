// The app's one window, locked down: no Node in the page, sandboxed, isolated, web security on,
// no navigation, no new windows, no webviews, devtools only in development. The page itself
// carries a CSP with no network sources (renderer/index.html).
// The options are written out literally at `new BrowserWindow` so that electronegativity (npm run
// security) can read them; a helper building them would hide them from the scanner.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ShellApi, ShellWindow } from './shell-api';

/** Where the app's page comes from, and how to recognise it in a sender frame's URL. */
export interface AppPage {
  load(win: ShellWindow): Promise<void>;
  /** True for the app's own page only (any other file or site is foreign). */
  isAppUrl(url: string): boolean;
}

const LOOPBACK_DEV = /^http:\/\/(127\.0\.0\.1|localhost):\d+\/?$/;

/**
 * The packaged page is one exact file URL. The dev server (electron-vite) is honoured only in an
 * unpackaged app and only on this machine: an environment variable must never make the packaged
 * app load a remote page next to the preload.
 */
export function appPage(isPackaged: boolean, rendererDir: string, devUrl = process.env.ELECTRON_RENDERER_URL): AppPage {
  if (!isPackaged && devUrl && LOOPBACK_DEV.test(devUrl)) {
    const origin = new URL(devUrl).origin;
    return {
      load: (win) => win.loadURL(devUrl),
      isAppUrl: (url) => originOf(url) === origin,
    };
  }
  const file = join(rendererDir, 'index.html');
  const expected = pathToFileURL(file).href;
  return {
    load: (win) => win.loadFile(file),
    isAppUrl: (url) => withoutFragment(url) === expected,
  };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The renderer has no router and no query, but a fragment must not make the page foreign. */
function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
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
