// The window and the session, on the fake Electron: locked-down webPreferences, no navigation, no
// new windows, no webviews, no devtools when packaged, every permission refused, and only the
// app's own page counts as the app.
import { describe, expect, it } from 'vitest';
import { hardenApp } from '../../../electron/main/security';
import { appPage, createMainWindow } from '../../../electron/main/window';
import { createFakeElectron, FakeEvent, FakeWebContents, type FakeBrowserWindow } from '../../fakes/electron';

const RENDERER = '/opt/Panic Desk/resources/app.asar/out/renderer';

function openWindow(isPackaged: boolean): { win: FakeBrowserWindow; fake: ReturnType<typeof createFakeElectron> } {
  const fake = createFakeElectron({ isPackaged });
  hardenApp(fake.api);
  createMainWindow(fake.api, { preload: '/app/out/preload/index.js', page: appPage(isPackaged, undefined) });
  const win = fake.windows[0];
  if (!win) throw new Error('no window');
  return { win, fake };
}

describe('main window', () => {
  it('has isolated, sandboxed webPreferences with no Node and web security on', () => {
    const { win } = openWindow(true);
    expect(win.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.js',
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
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(win.options.show).toBe(false);
  });

  it('allows devtools only in development', () => {
    expect(openWindow(false).win.options.webPreferences.devTools).toBe(true);
    const { win, fake } = openWindow(true);
    win.webContents.emit('devtools-opened');
    expect(fake.calls('webContents.closeDevTools')).toHaveLength(1);
  });

  it('loads the built page from app://panic-desk and shows the window when ready', () => {
    const { win } = openWindow(true);
    expect(win.loaded).toEqual({ url: 'app://panic-desk/index.html' });
    expect(win.visible).toBe(false);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);
  });

  it('denies every navigation, redirect, webview and new window', () => {
    const { win } = openWindow(true);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = new FakeEvent();
      expect(win.webContents.emit(event, e, 'https://evil.example/')).toBeGreaterThan(0);
      expect(e.defaultPrevented).toBe(true);
    }
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('refuses every permission request and check', () => {
    const { fake } = openWindow(true);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'unknown']) {
      fake.permission.request?.({}, permission, (granted) => answers.push(granted));
      answers.push(fake.permission.check?.({}, permission) ?? true);
    }
    expect(answers).toHaveLength(12);
    expect(answers.every((granted) => granted === false)).toBe(true);
  });

  it('locks down any other web contents the app creates', () => {
    const fake = createFakeElectron({ isPackaged: true });
    hardenApp(fake.api);
    const contents = new FakeWebContents(fake.log);
    fake.app.emit('web-contents-created', {}, contents);
    const e = new FakeEvent();
    contents.emit('will-navigate', e, 'https://evil.example/');
    expect(e.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('the app page', () => {
  const page = appPage(true, 'http://localhost:5173/');
  const own = 'app://panic-desk/index.html';

  it('is exactly app://panic-desk/index.html when packaged (a dev server URL is ignored)', () => {
    expect(page.isAppUrl(own)).toBe(true);
    expect(page.isAppUrl(`${own}#/settings`)).toBe(true);
    expect(page.isAppUrl('http://localhost:5173/')).toBe(false);
    expect(page.isAppUrl('file:///tmp/renderer/index.html')).toBe(false);
    expect(page.isAppUrl(`file://${RENDERER}/index.html`)).toBe(false);
    expect(page.isAppUrl('app://evil/index.html')).toBe(false);
    expect(page.isAppUrl('app://panic-desk/other.html')).toBe(false);
    expect(page.isAppUrl(`${own}?x=1`)).toBe(false);
    expect(page.isAppUrl(`${own}.evil.html`)).toBe(false);
    expect(page.isAppUrl('https://evil.example/renderer/index.html')).toBe(false);
  });

  it('is the dev server in development, only on this machine', () => {
    const dev = appPage(false, 'http://localhost:5173/');
    expect(dev.isAppUrl('http://localhost:5173/')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false);
    const remote = appPage(false, 'https://evil.example/');
    expect(remote.isAppUrl('https://evil.example/')).toBe(false);
    expect(remote.isAppUrl(own)).toBe(true);
  });
});
