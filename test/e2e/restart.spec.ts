import { expect, test } from '@playwright/test';
import { calloutCount, closeEverything, deskState, holdToConfirm, shot } from './support';

const SITE = 'Downtown Branch';

test.afterEach(async ({ page }) => closeEverything(page));
// Restarting the desk is a control of the web harness (test/harness/server.ts).
test.skip(process.env.E2E_HOST === 'electron', 'the restart route exists in the web harness only');

test('a restart of the desk mid-callout resumes the timeline and keeps following the callout', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const siteId = (await deskState(page)).sites.find((s) => s.name === SITE)?.id ?? '';
  const before = await calloutCount(page, siteId);
  await holdToConfirm(page, `Panic: ${SITE}`);
  const callout = page.getByRole('region', { name: `Callout for ${SITE}` });
  await expect(callout.locator('.callout-stage')).toHaveText('Created');
  await callout.getByRole('button', { name: 'Dispatch responder' }).click();
  await expect(callout.locator('.callout-stage')).toHaveText('Dispatched');
  const timeline = callout.getByRole('list', { name: 'Timeline' });
  const seen = await timeline.getByRole('listitem').allInnerTexts();

  // The desk restarts on the same data folder (AURA, here the Training world, carries on).
  const restarted = await request.post('/__harness/restart');
  expect(restarted.ok()).toBe(true);
  await page.reload();

  // The same callout, its timeline as it was, and it is still being followed.
  await expect(callout.locator('.callout-stage')).toHaveText('Dispatched');
  const resumed = await timeline.getByRole('listitem').allInnerTexts();
  expect(resumed.slice(0, seen.length)).toEqual(seen);
  await shot(page, 'restart-01-resumed');
  await callout.getByRole('button', { name: 'Responder arrived' }).click();
  await expect(callout.locator('.callout-stage')).toHaveText('Arrived');
  await expect(timeline.getByRole('listitem').last()).toContainText('Arrived');
  expect(await calloutCount(page, siteId)).toBe(before + 1);
  await shot(page, 'restart-02-arrived-after-restart');
});
