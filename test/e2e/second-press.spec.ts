// A second press on a callout that is completed but not closed reaches AURA as an event on that
// callout, and the card says so in plain words (issue 10, item 1).
import { expect, test } from './fixtures';
import { closeEverything, holdToConfirm, raisePanic } from './support';

test.afterEach(async ({ page }) => closeEverything(page));

test('a second press on a completed callout is posted to it and the card says so', async ({ page }) => {
  await page.goto('/');
  const callout = await raisePanic(page, 'Downtown Branch');
  await callout.getByRole('button', { name: 'Complete' }).click();
  await expect(callout.locator('.callout-stage')).toHaveText('Completed');

  await holdToConfirm(page, 'Panic: Downtown Branch');
  await expect(page.getByText(/^AURA added this press to callout \d+, still open since \d\d:\d\d$/)).toBeVisible();
  await expect(callout.getByRole('list', { name: 'Timeline' })).toContainText('Pressed again');
  // The event itself ("Panic pressed again at …") reaches the timeline at the poll cycle's slow
  // events cadence; that AURA holds it is proved against the simulator (reliability-scenarios).
});
