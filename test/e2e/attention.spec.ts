// Issue 14, items 1, 2, 10 and 11: with 31 sites, a NOT SENT on the last card and two callouts
// underway, nothing that needs attention hides below the fold, the card says one thing at a time,
// and the desk fits a dozen PANIC buttons on a 1366×768 screen in its compact layout.
import { mkdirSync, copyFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deskState, expectAccessible, holdToConfirm, invoke } from './support';
import { cleanUpManySites, EXTRA, LAST, thirtyOneSites } from './many-sites';

const PHONE = '+27 11 555 0199';
const CALLOUT_SITES = [EXTRA[11]!, EXTRA[23]!]; // Site 13 and Site 25
const SCREENS_OUT = process.env.I14_SCREENS_DIR ?? '';

test.afterEach(async ({ page }) => cleanUpManySites(page));

/** Two callouts underway, then an outage, then the operator presses the last card's PANIC. */
async function busyDesk(page: Page): Promise<void> {
  await page.goto('/');
  await thirtyOneSites(page);
  await invoke(page, 'settings.update', { controlRoomPhone: PHONE });
  for (const site of CALLOUT_SITES) await invoke(page, 'panic.trigger', { siteId: site.ref });
  await expect
    .poll(async () => (await deskState(page)).callouts.filter((c) => c.stage === 'created').length)
    .toBeGreaterThanOrEqual(2);
  const first = (await deskState(page)).callouts.find(
    (c) => c.siteId === CALLOUT_SITES[0]!.ref && c.stage !== 'closed',
  );
  if (first) await invoke(page, 'training.advance', { calloutId: first.id, step: 'dispatch' });
  await invoke(page, 'training.fault', { fault: 'error500' });
  await holdToConfirm(page, `Panic: ${LAST.name}`);
  const card = page.getByRole('article', { name: LAST.name });
  await expect(card.locator('.press-not-sent .press-title')).toHaveText(
    `NOT CONFIRMED — phone the control room now: ${PHONE}`,
  );
}

/** The window as the operator sees it (from the top unless `asIs`), or the whole page. */
async function screenshot(page: Page, name: string, how: { fullPage?: boolean; asIs?: boolean } = {}): Promise<void> {
  if (!how.asIs) await page.evaluate(() => window.scrollTo(0, 0));
  const path = `test-results/screens/${name}.png`;
  await page.screenshot({ path, fullPage: how.fullPage ?? false });
  if (SCREENS_OUT) {
    mkdirSync(SCREENS_OUT, { recursive: true });
    copyFileSync(path, `${SCREENS_OUT}/${name}.png`);
  }
}

test('31 sites: the NOT SENT on the last card is at the top of the desk, and its link focuses the card', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await busyDesk(page);
  await page.evaluate(() => window.scrollTo(0, 0));

  // The strip, at the top, names it with how long ago, the attempts and the phone number.
  const strip = page.getByRole('navigation', { name: 'Needs attention' });
  const notSent = strip.getByRole('link', { name: new RegExp(`NOT CONFIRMED.*${LAST.name}`) });
  await expect(notSent).toBeInViewport();
  await expect(notSent).toContainText(/\d+ s ago|\d+ min/);
  await expect(notSent).toContainText(/\d+ attempts?/);
  await expect(notSent).toContainText(PHONE);
  // Both callouts underway are there too, with their stage.
  await expect(
    strip.getByRole('link', { name: new RegExp(`RESPONDER ON THE WAY.*${CALLOUT_SITES[0]!.name}`) }),
  ).toBeVisible();
  await expect(
    strip.getByRole('link', { name: new RegExp(`ALARM RECEIVED.*${CALLOUT_SITES[1]!.name}`) }),
  ).toBeVisible();
  // The Desk tab counts the unsent press; the readiness bar names its site.
  await expect(page.getByRole('button', { name: /^Desk/ })).toContainText('1 NOT CONFIRMED · 2 active');
  await expect(page.locator('.readiness-unsent')).toContainText(LAST.name);

  // Scrolled away, the strip is still at the top; its link brings the card into view and focus.
  await page.mouse.wheel(0, 1500);
  await expect(notSent).toBeInViewport();
  await notSent.click();
  const card = page.getByRole('article', { name: LAST.name });
  await expect(card).toBeFocused();
  await expect(card).toBeInViewport();
  await screenshot(page, 'i14-desk-1366x768-after-strip-link', { asIs: true });
  // One truth: the hint under the button never says "raised" while the box beside it says NOT SENT.
  const panic = card.getByRole('button', { name: `Panic: ${LAST.name}` });
  await expect(panic).toHaveAccessibleDescription('NOT CONFIRMED — see right');
  await expect(card).not.toContainText('raised');
  await expectAccessible(page, 'the desk with 31 sites, NOT SENT and two callouts');
  // The desk's one assertive region (issue 23) says it, with the site and the number.
  await expect(page.locator('[aria-live="assertive"]')).toContainText(
    `NOT CONFIRMED: AURA has not confirmed the panic for ${LAST.name}`,
  );
});

/**
 * The tallest empty space between a card and the nearest card below it (any card overlapping its
 * columns): a card with a callout must not leave a band of nothing beside it under a row of PANIC
 * buttons.
 */
async function tallestGapUnderACard(page: Page): Promise<number> {
  return page.locator('.site-grid > li').evaluateAll((els) => {
    const boxes = els.map((el) => el.getBoundingClientRect()).filter((r) => r.height > 0);
    let tallest = 0;
    for (const a of boxes) {
      const below = boxes.filter((b) => b.left < a.right - 1 && b.right > a.left + 1 && b.top >= a.bottom - 1);
      if (below.length > 0) tallest = Math.max(tallest, Math.min(...below.map((b) => b.top)) - a.bottom);
    }
    return tallest;
  });
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const) {
  test(`31 sites at ${size.width}×${size.height}: compact and normal layouts`, async ({ page }) => {
    await page.setViewportSize(size);
    await busyDesk(page);
    const fold: Record<string, number> = {};
    for (const layout of ['compact', 'normal'] as const) {
      await invoke(page, 'settings.update', { deskLayout: layout });
      await expect(page.locator('.site-grid')).toHaveClass(layout === 'compact' ? /site-grid-compact/ : /^site-grid$/);
      await screenshot(page, `i14-desk-${size.width}x${size.height}-${layout}`);
      await screenshot(page, `i14-desk-${size.width}x${size.height}-${layout}-full-page`, { fullPage: true });
      const buttons = await page.locator('.panic-button').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, height: r.height, width: r.width };
        }),
      );
      for (const b of buttons) expect(b.height).toBeGreaterThanOrEqual(120);
      const aboveFold = buttons.filter((b) => b.top >= 0 && b.bottom <= size.height).length;
      fold[layout] = aboveFold;
      if (layout === 'compact') expect(await tallestGapUnderACard(page), 'empty band under a card').toBeLessThan(100);
      // The desk uses the whole width: the grid reaches to within the page's padding of the right edge.
      const grid = await page.locator('.site-grid').boundingBox();
      expect((grid?.x ?? 0) + (grid?.width ?? 0)).toBeGreaterThan(size.width - 60);
      await expectAccessible(page, `the ${layout} desk at ${size.width}`);
    }
    expect(fold.compact, 'PANIC buttons above the fold, compact').toBeGreaterThanOrEqual(12);
  });
}
