import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { calloutCount, closeEverything, deskState, expectAccessible, shot, raisePanic } from './support';

const SITE = 'Downtown Branch';

test.afterEach(async ({ page }) => closeEverything(page));

async function raise(page: Page) {
  await page.goto('/');
  return raisePanic(page, SITE);
}

test('a message to the control room lands on the timeline', async ({ page }) => {
  const callout = await raise(page);
  const box = callout.getByRole('textbox', { name: 'Message to control room' });
  await box.fill('Two men at the side gate, one with a crowbar');
  await callout.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(callout.getByRole('status').filter({ hasText: 'Message sent' })).toBeVisible();
  await expect(box).toHaveValue('');
  const timeline = callout.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Two men at the side gate' })).toHaveCount(1);
  // Marked as sent from this desk, not as a word from the control room.
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Two men at the side gate' })).toContainText(
    'This desk: Two men at the side gate',
  );
  // Newest last.
  await expect(timeline.getByRole('listitem').last()).toContainText('Two men at the side gate');
  await shot(page, 'callout-01-message-sent');
});

test('cancel with one of AURA’s reasons; the cancelled state shows until AURA closes it', async ({ page }) => {
  const callout = await raise(page);
  const calloutId = (await deskState(page)).callouts.at(-1)?.id;
  await callout.getByRole('button', { name: 'Cancel callout' }).click();
  const dialog = page.getByRole('dialog', { name: `Cancel the callout for ${SITE}?` });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByLabel('Reason');
  // AURA's reasons arrive: more than the placeholder.
  await expect(reason.locator('option')).not.toHaveCount(1);
  const options = await reason.locator('option').allInnerTexts();
  const chosen = options[1] ?? '';
  await reason.selectOption({ label: chosen });
  await dialog.getByLabel('Notes (optional)').fill('False alarm: the cleaner pressed it');
  await shot(page, 'callout-02-cancel-dialog');
  await expectAccessible(page, 'the cancel dialog');
  await dialog.getByRole('button', { name: 'Confirm cancel' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(callout.locator('.callout-stage')).toHaveText('Cancelled');
  const timeline = callout.getByRole('list', { name: 'Timeline' });
  await expect(timeline.getByRole('listitem').filter({ hasText: 'Cancelled' }).first()).toBeVisible();
  await expect(callout.getByRole('button', { name: 'Cancel callout' })).toHaveCount(0);
  await shot(page, 'callout-03-cancelled');

  // AURA closes it; it moves to the history with its whole timeline.
  await callout.getByRole('button', { name: 'Close callout' }).click();
  await expect(callout.locator('.callout-stage')).toHaveText('Closed');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
  const item = page.getByRole('listitem').filter({ hasText: `callout ${calloutId}` });
  await expect(item).toContainText(SITE);
  await item.locator('summary').click();
  const history = item.getByRole('list', { name: 'Timeline' });
  await expect(history).toContainText('Panic button pressed');
  await expect(history).toContainText('Cancelled');
  await expect(history).toContainText('Closed');
  await shot(page, 'callout-04-history');
  await expectAccessible(page, 'History');
});

test('holding Space on the focused button raises a panic; releasing Enter early sends nothing', async ({ page }) => {
  await page.goto('/');
  const siteId = (await deskState(page)).sites.find((s) => s.name === SITE)?.id ?? '';
  const before = await calloutCount(page, siteId);
  const panic = page.getByRole('button', { name: `Panic: ${SITE}`, exact: true });
  await panic.focus();
  await page.keyboard.down('Enter');
  await page.waitForTimeout(400);
  await page.keyboard.up('Enter');
  await page.waitForTimeout(300);
  expect(await calloutCount(page, siteId)).toBe(before);

  await page.keyboard.down(' ');
  await page.waitForTimeout(900);
  await expect(page.getByText('Raising for DOWNTOWN BRANCH…')).toBeVisible();
  await shot(page, 'callout-05-holding');
  await page.waitForTimeout(900);
  await page.keyboard.up(' ');
  const callout = page.getByRole('region', { name: `Callout for ${SITE}` });
  await expect(callout.locator('.callout-stage')).toHaveText('ALARM RECEIVED — finding a responder');
  await expect.poll(() => calloutCount(page, siteId)).toBe(before + 1);
});

test('Training autoplay: the simulated responder moves the callout on by itself', async ({ page }) => {
  await page.goto('/');
  const training = page.getByRole('region', { name: 'Training' });
  const autoplay = training.getByRole('checkbox', { name: 'Autoplay the responder' });
  await autoplay.check();
  await expect(autoplay).toBeChecked();
  // The box shows the choice at once (optimistic); the desk confirms it a moment later.
  await expect.poll(async () => (await deskState(page)).training?.autoplay).toBe(true);
  const callout = await raisePanic(page, SITE);
  // Nobody touches the responder controls: the stage moves on as the simulator plays its part.
  await expect(callout.locator('.callout-stage')).toHaveText(/^RESPONDER ON THE WAY/, { timeout: 30_000 });
  await autoplay.uncheck();
  await expect(autoplay).not.toBeChecked();
});
