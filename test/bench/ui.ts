// Bench section "ui": the operator's screen in Chromium, served by the web harness (the app's own
// renderer build, index.html and CSP), with the harness's WebSocket bridge swapped for a scripted
// one that hands the page a desk of 500 sites. Two figures, both measured side by side in one run:
//
// - grid500_ratio: time to first render of the desk with 500 site cards (state arrives → React
//   commits → style and layout done) divided by the time to insert the very same 500 cards as
//   plain static HTML (innerHTML of the markup React produced) → style and layout done, in the same
//   page, same CSS, same run. Measured RUNS times each, on fresh page loads; medians compared.
// - event_to_dom_ms: a `state.changed` event (the whole desk as JSON text, as the bridge receives
//   it) is parsed and handed to the store; the clock stops when the changed card's stage word is in
//   the DOM. Median of EVENTS events, each changing one site's callout stage.
//
// Layout is forced (offsetHeight) at the end of both render timings so that both include style
// and layout but neither includes the wait for the next frame.
import { mkdtempSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { Site } from '../../electron/shared/model/site';
import { DEFAULT_SETTINGS } from '../../electron/shared/model/settings';
import { UNMANAGED, type DeskState } from '../../electron/shared/model/desk-state';
import { startHarness } from '../harness/server';

/** The goals the first build set: React at most 3x static HTML, an event on screen within one frame. */
const GOAL_RATIO = 3;
const GOAL_EVENT_MS = 16;
const SITES = 500;
const RUNS = 7;
const EVENTS = 60;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

/** A production desk with SITES Fixed Locations, all shown, nothing happening. */
export function deskOf(count: number): DeskState {
  const sites: Site[] = Array.from({ length: count }, (_, i) => ({
    id: `SITE-${String(i + 1).padStart(4, '0')}`,
    name: `Site ${i + 1} — ${['North Gate', 'Reception', 'Loading Bay', 'Guardhouse', 'Car Park'][i % 5]}`,
    address: `${i + 1} Harbour Road, Cape Town`,
    auraId: 100000 + i,
    description: null,
    latitude: -33.9 - i / 10000,
    longitude: 18.4 + i / 10000,
    locationTypeId: null,
  }));
  return {
    environment: 'production',
    connection: { environment: 'production', baseUrl: null, clientId: 'bench-desk', hasSecret: true },
    readiness: { level: 'ready', message: 'AURA Production', lastContactAt: Date.now() },
    sites,
    allSites: sites,
    lastSyncAt: Date.now(),
    presses: [],
    pressesElsewhere: [],
    historyCount: 0,
    callouts: [],
    settings: { ...DEFAULT_SETTINGS, controlRoomPhone: '+27 21 555 0100', deskName: 'Bench desk' },
    training: null,
    hotkey: { registered: true, error: null, testing: false, lastTestOkAt: null, siteId: null },
    notices: [],
    policy: UNMANAGED,
  };
}

/**
 * Stands in for the harness bridge (runs in the page, before the app). `state.get` is answered
 * only when the bench releases it, so that the render is timed alone, not the loading of the app.
 */
const FAKE_BRIDGE = `
(() => {
  const listeners = new Set();
  let release;
  const ready = new Promise((r) => { release = r; });
  window.__bench = {
    state: null,
    release(state) { window.__bench.state = state; release(); },
    emitText(text) { const payload = JSON.parse(text); for (const l of listeners) l(payload); },
  };
  window.panicDesk = {
    async invoke(name) {
      if (name === 'state.get') { await ready; window.__bench.t0 = performance.now(); return { ok: true, value: window.__bench.state }; }
      return { ok: true, value: {} };
    },
    on(name, listener) {
      if (name !== 'state.changed') return () => {};
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
})();
`;

/** Resolves in the page when `count` panic buttons are in the DOM; returns ms since __bench.t0. */
async function timeReactGrid(page: Page, state: DeskState): Promise<number> {
  return page.evaluate(
    ([s, count]) =>
      new Promise<number>((done) => {
        const root = document.getElementById('root') as HTMLElement;
        const observer = new MutationObserver(() => {
          if (root.querySelectorAll('.panic-button').length < count) return;
          observer.disconnect();
          void document.body.offsetHeight; // style and layout, as for the static floor
          const bench = (window as unknown as { __bench: { t0: number } }).__bench;
          done(performance.now() - bench.t0);
        });
        observer.observe(root, { childList: true, subtree: true });
        (window as unknown as { __bench: { release(state: unknown): void } }).__bench.release(s);
      }),
    [state, state.sites.length] as const,
  );
}

/** The floor: the same cards' markup inserted as static HTML, in the same page, same styles. */
async function timeStaticGrid(page: Page, markup: string): Promise<number> {
  return page.evaluate((html) => {
    const holder = document.createElement('div');
    holder.className = 'app';
    const main = document.createElement('main');
    main.className = 'view view-desk';
    holder.appendChild(main);
    document.body.appendChild(holder);
    const t0 = performance.now();
    main.innerHTML = html;
    void document.body.offsetHeight;
    const took = performance.now() - t0;
    holder.remove();
    void document.body.offsetHeight;
    return took;
  }, markup);
}

/** One state event per step, each moving one site's callout on; ms from arrival to the DOM. */
async function timeEvents(page: Page, base: DeskState, events: number): Promise<number[]> {
  return page.evaluate(
    async ([state, n]) => {
      const stages = ['created', 'dispatched', 'arrived', 'completed'] as const;
      const times: number[] = [];
      const callouts: unknown[] = [];
      const pressedAt = Date.now();
      for (let i = 0; i < n; i += 1) {
        const siteIndex = (i * 37) % state.sites.length;
        const site = state.sites[siteIndex] as { id: string };
        const stage = stages[Math.floor(i / 8) % stages.length] ?? 'created';
        callouts[siteIndex % 16] = {
          id: String(900000 + siteIndex),
          siteId: site.id,
          stage,
          rawStatus: stage,
          pressedAt,
          silent: false,
          responder: null,
          closedAt: null,
          timeline: [{ at: pressedAt, kind: 'press', stage: null, text: 'Panic button pressed', auraAt: null }],
        };
        const text = JSON.stringify({ ...state, callouts: callouts.filter(Boolean) });
        const card = document.querySelectorAll('.site-card')[siteIndex] as HTMLElement;
        await new Promise((r) => setTimeout(r, 30)); // let the previous update settle
        const took = await new Promise<number>((done) => {
          // The stage the card shows, whatever its words (issue 23 made them operator words).
          const check = (): boolean => card.querySelector('.callout-stage')?.getAttribute('data-stage') === stage;
          const observer = new MutationObserver(() => {
            if (!check()) return;
            observer.disconnect();
            done(performance.now() - t0);
          });
          observer.observe(card, { childList: true, subtree: true, characterData: true, attributes: true });
          const t0 = performance.now();
          (window as unknown as { __bench: { emitText(t: string): void } }).__bench.emitText(text);
        });
        times.push(took);
      }
      return times;
    },
    [base, events] as const,
  );
}

export interface UiBenchResult {
  grid500Ratio: number;
  reactGridMs: number;
  staticGridMs: number;
  eventToDomMs: number;
}

export async function runUiBench(): Promise<UiBenchResult> {
  const root = resolve(__dirname, '../..');
  if (!existsSync(join(root, 'out/renderer/index.html'))) throw new Error('bench ui: run `npm run build` first');
  const port = await freePort();
  const harness = await startHarness(port, mkdtempSync(join(tmpdir(), 'panic-desk-bench-ui-')));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); the page functions below are
    // serialised into the page, where that helper does not exist.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    await page.route('**/__harness/bridge.js', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: FAKE_BRIDGE }),
    );
    const state = deskOf(SITES);
    const load = async (): Promise<void> => {
      // The harness opens only with its token: its own URL carries it.
      await page.goto(harness.url);
      await page.getByText('Starting Panic Desk…').waitFor();
    };

    // Warm-up: one render to capture the markup of the very cards React draws (the floor's input).
    await load();
    await timeReactGrid(page, state);
    const markup = await page.evaluate(() => document.querySelector('.site-grid')?.outerHTML ?? '');
    if (!markup.includes('panic-button')) throw new Error('bench ui: the grid did not render');

    const reactMs: number[] = [];
    const staticMs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await load();
      staticMs.push(await timeStaticGrid(page, markup));
      reactMs.push(await timeReactGrid(page, state));
    }
    const events = await timeEvents(page, state, EVENTS);
    const result: UiBenchResult = {
      reactGridMs: median(reactMs),
      staticGridMs: median(staticMs),
      grid500Ratio: median(reactMs) / median(staticMs),
      eventToDomMs: median(events),
    };
    console.log(
      `  (500-card grid: React ${result.reactGridMs.toFixed(1)} ms vs static HTML ${result.staticGridMs.toFixed(1)} ms,` +
        ` medians of ${RUNS} runs; event to DOM: median of ${EVENTS} events)`,
    );
    const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    console.log(
      `ui: goals grid500_ratio <= ${GOAL_RATIO}: ${met(result.grid500Ratio <= GOAL_RATIO)}; ` +
        `event_to_dom_ms < ${GOAL_EVENT_MS} (one frame): ${met(result.eventToDomMs < GOAL_EVENT_MS)}`,
    );
    console.log(
      `bench ui: grid500_ratio=${result.grid500Ratio.toFixed(2)} event_to_dom_ms=${result.eventToDomMs.toFixed(2)}`,
    );
    return result;
  } finally {
    await browser.close();
    await harness.close();
  }
}

if (require.main === module) {
  runUiBench().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
