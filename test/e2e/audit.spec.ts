import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { closeEverything, deskState, expectAccessible, shot, raisePanic } from './support';

test.afterEach(async ({ page }) => closeEverything(page));

test('the audit log lists what happened, filters it and exports it as CSV', async ({ page }) => {
  await page.goto('/');
  const callout = await raisePanic(page, 'Downtown Branch');
  const calloutId = (await deskState(page)).callouts.at(-1)?.id ?? '';
  await callout.getByRole('button', { name: 'Close callout' }).click();
  await expect(callout.locator('.callout-stage')).toHaveText('Closed');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Hash chain intact' })).toBeVisible();
  const rows = page.locator('.audit-table tbody tr');
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();

  await page.getByLabel('Filter the audit log').fill(calloutId);
  await expect.poll(() => rows.count()).toBeLessThan(all);
  await expect(rows.first()).toContainText(calloutId);
  await shot(page, 'audit-01-filtered');
  await expectAccessible(page, 'Audit log');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^panic-desk-audit-.*\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  expect(csv.split('\n').length).toBeGreaterThan(1);
  expect(csv).toContain(calloutId);

  await page.getByLabel('Filter the audit log').fill('no-such-thing-zzz');
  await expect(page.getByText('No entry matches.')).toBeVisible();
});
