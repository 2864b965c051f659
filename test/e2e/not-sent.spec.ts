import { expect, test } from './fixtures';
import { calloutCount, closeEverything, deskState, expectAccessible, holdToConfirm, invoke, shot } from './support';

const SITE = 'Downtown Branch';
const PHONE = '+27 11 555 0199';

test.afterEach(async ({ page }) => {
  await closeEverything(page);
  await invoke(page, 'settings.update', { controlRoomPhone: '' });
});

test('NOT SENT during a practised outage, then delivered after recovery as exactly one callout', async ({ page }) => {
  await page.goto('/');
  const start = await deskState(page);
  const siteId = start.sites.find((s) => s.name === SITE)?.id ?? '';
  const previous = await invoke(page, 'settings.update', { controlRoomPhone: PHONE });
  expect(previous.ok).toBe(true);
  const before = await calloutCount(page, siteId);

  // The operator practises a network failure from the Training panel.
  const training = page.getByRole('region', { name: 'Training' });
  await training.getByLabel('Practise a network failure').selectOption({ label: 'AURA server error (500)' });
  await expect(training).toContainText('Practising: AURA server error (500)');

  await holdToConfirm(page, `Panic: ${SITE}`);
  const card = page.getByRole('article', { name: SITE });
  const notSent = card.locator('.press-not-sent');
  await expect(notSent.getByRole('alert')).toHaveText('NOT SENT — still trying');
  await expect(notSent).toContainText(/\d+ attempts?/);
  await expect(notSent).toContainText(`Phone the control room now: ${PHONE}`);
  await expect(notSent).toContainText('Last error:');
  // The readiness bar says so in words too.
  await expect(page.getByRole('status', { name: 'Readiness' })).not.toContainText('Ready');
  // The button is never disabled, even now.
  await expect(page.getByRole('button', { name: `Panic: ${SITE}`, exact: true })).toBeEnabled();
  await shot(page, 'not-sent-01-outage');
  await expectAccessible(page, 'the desk with NOT SENT');

  // Recovery: the queued press goes through by itself.
  await training.getByLabel('Practise a network failure').selectOption({ label: 'None — network healthy' });
  const callout = page.getByRole('region', { name: `Callout for ${SITE}` });
  await expect(callout.locator('.callout-stage')).toHaveText('Created', { timeout: 30_000 });
  await expect(notSent).toHaveCount(0);
  await expect(callout).toContainText('Sent to AURA');
  await expect(page.getByRole('status', { name: 'Readiness' })).toContainText('Ready');
  await shot(page, 'not-sent-02-delivered');

  // Exactly one callout came of it, from exactly one press.
  const after = await deskState(page);
  expect(await calloutCount(page, siteId)).toBe(before + 1);
  const known = new Set(start.presses.map((p) => p.id));
  const newPresses = after.presses.filter((p) => p.siteId === siteId && !known.has(p.id));
  expect(newPresses).toHaveLength(1);
  expect(newPresses[0]?.status).toBe('sent');
  expect(newPresses[0]?.attempts).toBeGreaterThan(1);
});
