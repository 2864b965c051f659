// The app:// protocol on the fake Electron (checklist item of issue 12): the scheme is privileged
// before ready and handled after, the window loads app://panic-desk/index.html, files come only
// from the built renderer folder with their MIME types, and every way out of that folder
// (.., encoded .., backslashes, NUL, a symbolic link, another host) gets a 404.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL } from '../../../electron/main/app-protocol';
import { startShell } from '../../../electron/main/shell';
import { DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import { FakeDeskHost, SITE } from '../../fakes/desk-host';
import { createFakeElectron } from '../../fakes/electron';

let root: string;
let renderer: string;
let fake: ReturnType<typeof createFakeElectron>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'panic-desk-protocol-'));
  renderer = join(root, 'out', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Panic Desk</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(renderer, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'out', 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.txt'));

  fake = createFakeElectron({ isPackaged: true });
  const desk = new FakeDeskHost({ settings: { ...DEFAULT_SETTINGS, hotkeySiteId: SITE.id } });
  await startShell(fake.api, {
    openHost: async () => desk,
    preload: join(root, 'out', 'preload', 'index.js'),
    rendererDir: renderer,
    resourcesDir: join(root, 'resources'),
    platform: 'linux',
    executable: '/opt/panic-desk/panic-desk',
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// in the shell', () => {
  it('is privileged (standard, secure) before ready, handled after, and the window loads it', () => {
    const order = fake.log.map((e) => e.what).filter((w) => w.startsWith('protocol.') || w === 'BrowserWindow.new');
    expect(order).toEqual(['protocol.registerSchemesAsPrivileged', 'protocol.handle', 'BrowserWindow.new']);
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.windows[0]?.loaded).toEqual({ url: APP_PAGE_URL });
  });
});

describe('what app:// serves', () => {
  it.each([
    ['app://panic-desk/index.html', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://panic-desk/', 'text/html; charset=utf-8', '<!doctype html>'],
    ['app://panic-desk/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['app://panic-desk/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://panic-desk/assets/logo.svg', 'image/svg+xml', '<svg/>'],
  ])('%s with its MIME type', async (url, type, start) => {
    const response = await fake.fetchScheme(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain(start);
  });

  it("sends the page's own CSP (renderer/index.html) as a header too", async () => {
    const response = await fake.fetchScheme(APP_PAGE_URL);
    const html = readFileSync(join(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toContain("connect-src 'none'");
    expect(response.headers.get('content-security-policy')).toBe(meta);
  });

  it.each([
    'app://panic-desk/../secret.txt',
    'app://panic-desk/%2e%2e/secret.txt',
    'app://panic-desk/assets/..%2f..%2fsecret.txt',
    'app://panic-desk/assets/..%2F..%2F..%2Fsecret.txt',
    'app://panic-desk/assets/..%5c..%5csecret.txt',
    'app://panic-desk/index.html%00.png',
    'app://panic-desk/assets/link.txt',
    'app://panic-desk/%2fetc%2fpasswd',
    'app://panic-desk//etc/passwd',
    'app://evil/index.html',
    'app://panic-desk/missing.js',
  ])('refuses %s', async (url) => {
    const response = await fake.fetchScheme(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('TOP-SECRET');
  });

  it('answers only GET and HEAD', async () => {
    expect((await fake.fetchScheme(APP_PAGE_URL, 'POST')).status).toBe(405);
    const head = await fake.fetchScheme(APP_PAGE_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
