import { expect, test } from './fixtures';
import { closeEverything, expectAccessible, shot, raisePanic } from './support';

test.afterEach(async ({ page }) => closeEverything(page));

const VIEWS = ['History', 'Sites', 'Settings', 'Audit log', 'Setup'] as const;

test('every screen passes an axe-core scan with no serious or critical violation', async ({ page }) => {
  // Ten scans and four stage changes: on a busy two-core machine this takes about a minute.
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toBeVisible();
  await expectAccessible(page, 'the idle desk');

  // The desk with a callout at every stage: stage, timeline, message box, cancel, training controls.
  const callout = await raisePanic(page, 'Downtown Branch');
  await expectAccessible(page, 'the desk with a callout: Created');
  for (const [control, stage] of [
    ['Dispatch responder', /^RESPONDER ON THE WAY/],
    ['Responder arrived', 'RESPONDER ON SITE'],
    ['Complete', 'Completed'],
    ['Close callout', 'Closed'],
  ] as const) {
    await callout.getByRole('button', { name: control }).click();
    await expect(callout.locator('.callout-stage')).toHaveText(stage, { timeout: 30_000 });
    await expectAccessible(page, `the desk with a callout: ${stage}`);
    if (control === 'Dispatch responder') await shot(page, 'a11y-01-desk-dispatched');
  }

  const nav = page.getByRole('navigation', { name: 'Views' });
  for (const view of VIEWS) {
    await nav.getByRole('button', { name: view }).click();
    await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
    await expect(nav.getByRole('button', { name: view })).toHaveAttribute('aria-current', 'page');
    await expectAccessible(page, view);
  }
});

test('keyboard alone: every view is reachable, focus is visible, and Alt+1 brings back the panic buttons', async ({
  page,
}) => {
  await page.goto('/');
  const panic = page.getByRole('button', { name: 'Panic: Downtown Branch' });
  await expect(panic).toBeVisible();
  // Tab from the top reaches the skip link first (issue 23), then the navigation, then the desk's controls.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Skip to the first panic button/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Desk' })).toBeFocused();
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeFocused();
  await page.keyboard.press('Alt+1');
  await expect(panic).toBeVisible();
  // One Tab from the desk's heading reaches the skip link, and Enter the first panic button (issue 23).
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /Skip to the first panic button/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panic).toBeFocused();
  const box = await panic.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(140);
  const colours = await panic.evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, background: s.backgroundColor };
  });
  expect(colours.color).toBe('rgb(255, 255, 255)');
  expect(colours.background).toBe('rgb(179, 20, 27)');
  await shot(page, 'a11y-02-panic-focused');
});
