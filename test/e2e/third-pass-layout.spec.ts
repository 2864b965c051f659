// Issue 23, items 3 and 7: at 200 % zoom on a 1366×768 screen (683×384 CSS px) nothing sticky
// covers a PANIC button the keyboard reaches after scrolling, and at 320 px nothing scrolls
// sideways; in forced colours (Windows high contrast) the hold ring, the header, the Training
// banner and the NOT CONFIRMED box stay visible; axe is clean on every view in both colour modes.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { closeEverything, deskState, expectAccessible, holdToConfirm, invoke, raisePanic, shot } from './support';

const SITE = 'Downtown Branch';
const PHONE = '+27 11 555 0199';
const NINE = Array.from({ length: 9 }, (_, i) => ({ ref: `I23-L-${i + 2}`, name: `Gate ${i + 2}` }));

test.afterEach(async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'none' });
  await invoke(page, 'training.fault', { fault: null });
  await expect
    .poll(async () => (await deskState(page)).presses.filter((p) => p.status !== 'sent' && !p.dismissed).length, {
      timeout: 40_000,
    })
    .toBe(0);
  await closeEverything(page);
  for (const site of NINE) await invoke(page, 'sites.delete', { siteId: site.ref });
  await invoke(page, 'sites.choose', { shownSiteIds: null });
  await invoke(page, 'settings.update', { controlRoomPhone: '', holdMs: 1500 });
});

async function tenSites(page: Page): Promise<void> {
  for (const [i, site] of NINE.entries()) {
    const created = await invoke(page, 'sites.create', {
      externalReferenceId: site.ref,
      name: site.name,
      latitude: -26.12 - i / 1000,
      longitude: 28.12 + i / 1000,
    });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
  }
  await expect.poll(async () => (await deskState(page)).sites.length).toBe(10);
}

/** Whether the focused element is a PANIC button that something else covers (or that is off screen). */
async function focusedPanicProblem(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el?.classList.contains('panic-button')) return null;
    const r = el.getBoundingClientRect();
    const name = el.getAttribute('aria-label');
    if (r.top < 0 || r.bottom > window.innerHeight) return `${name} is not wholly in the window (${r.top}–${r.bottom})`;
    const x = r.left + r.width / 2;
    for (const y of [r.top + 3, r.top + r.height / 2, r.bottom - 3]) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !el.contains(hit))
        return `${name} is covered at y=${Math.round(y)} by ${hit?.className ?? 'nothing'}`;
    }
    return null;
  });
}

test('3: at 683×384 (200 % of 1366×768) with 10 sites, no PANIC the keyboard reaches after scrolling is covered', async ({
  page,
}) => {
  await page.setViewportSize({ width: 683, height: 384 });
  await page.goto('/');
  await invoke(page, 'settings.update', { controlRoomPhone: PHONE });
  await tenSites(page);
  const panics = page.locator('.panic-button');
  await expect(panics).toHaveCount(10);
  const problems: string[] = [];
  let reached = 0;
  // Backwards from the bottom of the page (the case a sticky header hides), then forwards from the top.
  for (const [key, start] of [
    ['Shift+Tab', 'bottom'],
    ['Tab', 'top'],
  ] as const) {
    await page.evaluate((where) => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, where === 'bottom' ? document.documentElement.scrollHeight : 0);
    }, start);
    if (start === 'bottom') await page.locator('.site-grid > li').last().locator('.panic-button').focus();
    for (let i = 0; i < 120; i += 1) {
      await page.keyboard.press(key);
      const problem = await focusedPanicProblem(page);
      if (problem) problems.push(`${key}: ${problem}`);
      if (await page.evaluate(() => document.activeElement?.classList.contains('panic-button'))) reached += 1;
    }
  }
  await shot(page, 'i23-03-683x384');
  expect(reached, 'PANIC buttons reached by the keyboard').toBeGreaterThanOrEqual(19);
  expect(problems).toEqual([]);
});

test('3: at 320 px wide nothing scrolls sideways and the header fits; the phone prompt does not stick', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 480 });
  await page.goto('/');
  await expect(page.getByRole('button', { name: `Panic: ${SITE}` })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Control-room phone number' })).toBeVisible();
  const sizes = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    width: window.innerWidth,
    header: document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0,
    sticky: getComputedStyle(document.querySelector('.app-header') as Element).position,
    promptSticky: !!document.querySelector('.app-header .phone-prompt'),
  }));
  await shot(page, 'i23-03-320px');
  expect(sizes.scrollWidth, 'page width at 320 px').toBeLessThanOrEqual(sizes.width);
  expect(sizes.promptSticky, 'phone prompt inside the sticky header').toBe(false);
  if (sizes.sticky === 'sticky') expect(sizes.header).toBeLessThan(480 / 3);
});

test('7: forced colours keep the hold ring, the header, the Training banner and the NOT CONFIRMED box', async ({
  page,
}) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/');
  // A 5 s hold, so that the ring can be looked at half way round.
  await invoke(page, 'settings.update', { controlRoomPhone: PHONE, holdMs: 5000 });
  const panic = page.getByRole('button', { name: `Panic: ${SITE}` });
  await expect(panic).toBeVisible();
  const looks = await page.evaluate(() => {
    const style = (selector: string): CSSStyleDeclaration =>
      getComputedStyle(document.querySelector(selector) as Element);
    return {
      header: style('.app-header').backgroundColor,
      banner: style('.training-banner').borderBottomStyle,
      bannerBackground: style('.training-banner').backgroundColor,
    };
  });
  expect(looks.header, 'the sticky header is see-through').not.toBe('rgba(0, 0, 0, 0)');
  expect(looks.bannerBackground === 'rgba(0, 0, 0, 0)' && looks.banner === 'none', 'Training banner vanished').toBe(
    false,
  );

  await panic.hover();
  await page.mouse.down();
  await expect(panic).toHaveClass(/holding/);
  await expect
    .poll(() => panic.evaluate((el) => Number(getComputedStyle(el).getPropertyValue('--hold-deg'))))
    .toBeGreaterThan(90);
  const ring = await page
    .locator('.panic-button.holding .panic-ring')
    .evaluate((el) => getComputedStyle(el).backgroundImage);
  await shot(page, 'i23-07-forced-colours-holding');
  await page.mouse.up();
  expect(ring, 'the hold ring in forced colours').not.toBe('none');

  await invoke(page, 'settings.update', { holdMs: 1500 });
  await invoke(page, 'training.fault', { fault: 'error500' });
  await holdToConfirm(page, `Panic: ${SITE}`);
  const box = page.getByRole('article', { name: SITE }).locator('.press-not-sent');
  await expect(box).toContainText('NOT CONFIRMED');
  const border = await box.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.borderTopStyle, width: parseFloat(s.borderTopWidth) };
  });
  await shot(page, 'i23-07-forced-colours-not-confirmed');
  expect(border.style).not.toBe('none');
  expect(border.width).toBeGreaterThanOrEqual(3);
  await expectAccessible(page, 'NOT CONFIRMED in forced colours', true);
});

const VIEWS = ['History', 'Sites', 'Settings', 'Audit log', 'Setup'] as const;

test('axe: every view and every callout stage, in normal and in forced colours', async ({ page }) => {
  test.setTimeout(180_000);
  for (const forcedColors of ['none', 'active'] as const) {
    await page.emulateMedia({ forcedColors });
    await page.goto('/');
    await expect(page.getByRole('button', { name: `Panic: ${SITE}` })).toBeVisible();
    await expectAccessible(page, `the idle desk (${forcedColors})`, forcedColors === 'active');
    const callout = await raisePanic(page, SITE);
    await expectAccessible(page, `alarm received (${forcedColors})`, forcedColors === 'active');
    for (const control of ['Dispatch responder', 'Responder arrived', 'Complete', 'Close callout']) {
      await callout.getByRole('button', { name: control }).click();
      await expect(callout.getByRole('button', { name: control })).toHaveCount(0, { timeout: 30_000 });
      await expectAccessible(page, `after ${control} (${forcedColors})`, forcedColors === 'active');
    }
    const nav = page.getByRole('navigation', { name: 'Views' });
    for (const view of VIEWS) {
      await nav.getByRole('button', { name: view }).click();
      await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
      await expectAccessible(page, `${view} (${forcedColors})`, forcedColors === 'active');
    }
    if (forcedColors === 'active') await shot(page, 'i23-07-forced-colours-setup');
  }
});
