// Helpers shared by the end-to-end specs: screenshots, the operator's hold-to-confirm, reading the
// desk's state through the page's own bridge, cleaning up between specs, and the axe scan.
// One harness serves every spec of a run (one data folder), so each spec leaves the desk idle.
import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import type { DeskState } from '../../electron/shared/model/desk-state';

/** A full-page screenshot from the top, under test-results/screens/, for a person to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  // A modal's backdrop covers the window only: capture the window, as the operator sees it.
  const modal = (await page.locator('dialog[open]').count()) > 0;
  // The header is sticky: scroll to the top so it sits above the content in a full-page capture.
  if (!modal) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: !modal });
}

/** Holds a panic button for longer than the default hold time, as an operator would. */
export async function holdToConfirm(page: Page, name: string, holdMs = 1800): Promise<void> {
  const button = page.getByRole('button', { name, exact: true });
  await button.scrollIntoViewIfNeeded();
  await button.hover();
  await page.mouse.down();
  await page.waitForTimeout(holdMs);
  await page.mouse.up();
}

/** Holds a site's panic button until it raises; returns the site's callout once AURA has created it. */
export async function raisePanic(page: Page, siteName: string, holdMs?: number): Promise<Locator> {
  await holdToConfirm(page, `Panic: ${siteName}`, holdMs);
  const callout = page.getByRole('region', { name: `Callout for ${siteName}` });
  await expect(callout.locator('.callout-stage')).toHaveText('ALARM RECEIVED — finding a responder');
  return callout;
}

/** The desk's whole state, read through the page's bridge exactly as the renderer reads it. */
export async function deskState(page: Page): Promise<DeskState> {
  const state = await page.evaluate(async () => {
    const result = await window.panicDesk?.invoke('state.get', {});
    return result?.ok ? result.value : null;
  });
  if (!state) throw new Error('state.get failed');
  return state;
}

/** Runs any command through the page's bridge (for set-up and clean-up, not for what is tested). */
export async function invoke(page: Page, name: string, payload: unknown): Promise<{ ok: boolean; error?: unknown }> {
  return page.evaluate(
    async ([n, p]) => {
      const bridge = window.panicDesk as unknown as {
        invoke(name: string, payload: unknown): Promise<{ ok: boolean; error?: unknown }>;
      };
      return bridge.invoke(n as string, p);
    },
    [name, payload] as const,
  );
}

/** Leaves the desk idle for the next spec: no practised fault, no autoplay, every callout closed. */
export async function closeEverything(page: Page): Promise<void> {
  await invoke(page, 'training.fault', { fault: null });
  await invoke(page, 'training.autoplay', { on: false });
  const state = await deskState(page);
  for (const callout of state.callouts) {
    if (callout.stage !== 'closed') await invoke(page, 'training.advance', { calloutId: callout.id, step: 'close' });
  }
}

/** The number of callouts the desk knows for a site. */
export async function calloutCount(page: Page, siteId: string): Promise<number> {
  return (await deskState(page)).callouts.filter((c) => c.siteId === siteId).length;
}

/**
 * The Training simulator behind the harness's desk, for a spec that calls its /__sim control
 * routes itself: its origin and the headers (control token, JSON) those routes require.
 */
export async function trainingSimulator(
  request: APIRequestContext,
): Promise<{ origin: string; baseUrl: string; headers: Record<string, string> }> {
  const info = (await (await request.get('/__harness/info')).json()) as {
    simulatorOrigin: string | null;
    simulatorBaseUrl: string | null;
    simulatorControlHeaders: Record<string, string> | null;
  };
  if (!info.simulatorOrigin || !info.simulatorBaseUrl || !info.simulatorControlHeaders) {
    throw new Error('the harness desk is not in Training: no simulator');
  }
  return { origin: info.simulatorOrigin, baseUrl: info.simulatorBaseUrl, headers: info.simulatorControlHeaders };
}

/**
 * An axe-core scan of what is on screen: no serious or critical violation is allowed. In forced
 * colours (Windows high contrast) the system's palette sets every colour, so axe's contrast rule,
 * which reads the page's own colours, has nothing to judge there and is left out (issue 23).
 */
export async function expectAccessible(page: Page, screen: string, forcedColors = false): Promise<void> {
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (forcedColors ? axe.disableRules(['color-contrast']) : axe).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `axe violations on ${screen}`).toEqual([]);
}

/**
 * Calls a control route of the Training simulator behind the harness's desk (e.g. to raise a
 * callout that this desk did not raise). Harness only: the app's simulator is not reachable.
 */
export async function simulatorControl(
  request: APIRequestContext,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<unknown> {
  // The simulator's control routes need its own control token (and JSON): the harness hands both out.
  const sim = await trainingSimulator(request);
  const response = await request.fetch(`${sim.origin}/__sim${path}`, { method, data: body, headers: sim.headers });
  if (!response.ok()) throw new Error(`simulator ${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}
