// The one place where an end-to-end spec gets its `page`, from either host:
//   - the web harness (default): Playwright's own page in Chromium, served by the harness that
//     playwright.config.ts starts; nothing changes for the specs;
//   - the real app (E2E_HOST=electron): the Panic Desk window, launched once per worker with
//     Playwright's _electron from the built app (npm run build) and a fresh data folder.
// Specs import { test, expect } from './fixtures' and call page.goto('/') as usual: in the app,
// '/' means the app's own page (a navigation Playwright starts is not the page's own, so the
// window's navigation lock does not stop it); in the harness, the run's token is added to the
// page's URL and to the `request` fixture's headers (the harness refuses anything without it).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  _electron,
  test as base,
  type APIRequestContext,
  type BrowserContext,
  type ElectronApplication,
  type Page,
} from '@playwright/test';

export { expect } from '@playwright/test';

export const E2E_HOST = process.env.E2E_HOST === 'electron' ? 'electron' : 'harness';

const ROOT = resolve(__dirname, '../..');
/** The app's page: served by its app:// protocol (electron/main/app-protocol.ts), never file://. */
const APP_PAGE = 'app://panic-desk/';

/**
 * The Electron binary, without require('electron') (which would try to download it): ELECTRON_PATH,
 * else the one the electron package fetched on its first run.
 */
export function electronBinary(): string {
  if (process.env.ELECTRON_PATH) return process.env.ELECTRON_PATH;
  const pkg = join(ROOT, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  const binary = existsSync(pathFile) ? join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim()) : null;
  if (!binary || !existsSync(binary)) {
    throw new Error(
      'E2E_HOST=electron needs the Electron binary, which Electron downloads on its first run: run `npm start` ' +
        'once on a machine with internet access, or set ELECTRON_PATH to an Electron 45 executable.',
    );
  }
  return binary;
}

async function launchApp(dataDir: string): Promise<ElectronApplication> {
  if (!existsSync(join(ROOT, 'out/main/index.js'))) throw new Error('out/ is missing: run `npm run build` first');
  const runningAsRoot = process.getuid?.() === 0;
  return _electron.launch({
    executablePath: electronBinary(),
    // Chromium refuses to run as root with its sandbox (CI containers); the page sandbox stays on.
    args: [...(runningAsRoot ? ['--no-sandbox'] : []), ROOT],
    cwd: ROOT,
    env: { ...process.env, PANIC_DESK_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' },
  });
}

/** Makes `page.goto('/…')` open the app's own page, as it opens the harness's page in Chromium. */
function routeGotoToApp(page: Page): void {
  const goto = page.goto.bind(page);
  page.goto = (url, options) => goto(url.startsWith('/') ? `${APP_PAGE}${url.slice(1)}` : url, options);
}

const electronTest = base.extend<{ page: Page }, { electronApp: ElectronApplication }>({
  electronApp: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'panic-desk-e2e-app-'));
      const app = await launchApp(dataDir);
      await use(app);
      // exit, not quit: quitting asks for confirmation while a callout is active.
      await Promise.all([app.waitForEvent('close'), app.evaluate(({ app: a }) => a.exit(0)).catch(() => undefined)]);
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  // Depends on the app only, so no Chromium is started for the electron host.
  page: async ({ electronApp }, use) => {
    const window = await electronApp.firstWindow();
    routeGotoToApp(window);
    await use(window);
  },
});

/** The harness's per-run token (playwright.config.ts draws it and passes it to the harness). */
export function harnessToken(): string {
  const token = process.env.PANIC_DESK_HARNESS_TOKEN;
  if (!token) throw new Error('PANIC_DESK_HARNESS_TOKEN is unset: run the specs through playwright.config.ts');
  return token;
}

/** Headers that open the harness's /__harness/ routes (bearer token, JSON only). */
export function harnessHeaders(): Record<string, string> {
  return { authorization: `Bearer ${harnessToken()}`, 'content-type': 'application/json' };
}

/** The harness page's URL with the token added, for a path ('/…') or a URL on the harness. */
export function withHarnessToken(url: string, baseURL: string | undefined): string {
  const base = baseURL ?? 'http://127.0.0.1/';
  const target = new URL(url, base);
  if (target.origin !== new URL(base).origin || target.searchParams.has('token')) return url;
  target.searchParams.set('token', harnessToken());
  return target.href;
}

function addTokenToGoto(page: Page, baseURL: string | undefined): void {
  const goto = page.goto.bind(page);
  page.goto = (url, options) => goto(withHarnessToken(url, baseURL), options);
}

const harnessTest = base.extend<{ context: BrowserContext; request: APIRequestContext }>({
  // Every page of the context (the `page` fixture's too) opens the harness with its token.
  context: async ({ context, baseURL }, use) => {
    for (const page of context.pages()) addTokenToGoto(page, baseURL);
    context.on('page', (page) => addTokenToGoto(page, baseURL));
    await use(context);
  },
  request: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: harnessHeaders() });
    await use(request);
    await request.dispose();
  },
});

/**
 * Playwright's test, with `page` from the chosen host. The electron variant has the same test
 * arguments (plus a worker fixture), so it is offered under the base type.
 */
export const test: typeof base =
  E2E_HOST === 'electron' ? (electronTest as unknown as typeof base) : (harnessTest as unknown as typeof base);
