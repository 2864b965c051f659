import { expect, test } from './fixtures';
import { calloutCount, closeEverything, deskState, expectAccessible, holdToConfirm, invoke, shot } from './support';
import { AuraClient } from '../../electron/core/aura/client';
import { TRAINING_CREDENTIALS } from '../../electron/core/host/training-desk';

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
  // A press made on screen that AURA has not confirmed: NOT CONFIRMED, with the number (issue 23).
  await expect(notSent.locator('.press-title')).toHaveText(`NOT CONFIRMED — phone the control room now: ${PHONE}`);
  await expect(notSent).toContainText(/\d+ attempts?/);
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
  await expect(callout.locator('.callout-stage')).toHaveText('ALARM RECEIVED — finding a responder', {
    timeout: 30_000,
  });
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

test('a panic AURA refuses for good says why, keeps the phone number, and is dismissed only by the operator', async ({
  page,
  request,
}) => {
  test.skip(process.env.E2E_HOST === 'electron', 'needs the harness to reach the Training simulator behind the desk');
  await page.goto('/');
  await invoke(page, 'settings.update', { controlRoomPhone: PHONE });
  await invoke(page, 'sites.choose', { shownSiteIds: null });
  const created = await invoke(page, 'sites.create', {
    externalReferenceId: 'ANNEX-OLD',
    name: 'Old Annex',
    latitude: -26.2,
    longitude: 28.05,
  });
  expect(created.ok).toBe(true);
  const site = (await deskState(page)).allSites.find((s) => s.id === 'ANNEX-OLD');
  // Someone deletes the Fixed Location at AURA; this desk has not synced since.
  const info = (await (await request.get('/__harness/info')).json()) as { simulatorBaseUrl: string };
  const aura = new AuraClient({
    baseUrl: info.simulatorBaseUrl,
    clientId: TRAINING_CREDENTIALS.clientId,
    getSecret: async () => TRAINING_CREDENTIALS.clientSecret,
    keepWarm: false,
  });
  await aura.deleteFixedLocation(site?.auraId ?? -1);

  await holdToConfirm(page, 'Panic: Old Annex');
  const card = page.getByRole('article', { name: 'Old Annex' });
  const refused = card.locator('.press-not-sent');
  await expect(refused.locator('.press-title')).toHaveText('NOT SENT — AURA refused this panic');
  await expect(refused).toContainText('AURA does not know this site');
  await expect(refused).toContainText(`Phone the control room now: ${PHONE}`);
  await shot(page, 'not-sent-03-refused');

  await refused.getByRole('button', { name: 'I have phoned the control room — dismiss' }).click();
  await expect(card.locator('.press-not-sent')).toHaveCount(0);
  const press = (await deskState(page)).presses.find((p) => p.siteId === 'ANNEX-OLD');
  expect(press).toMatchObject({ status: 'failed', dismissed: true });
  await invoke(page, 'sites.sync', {});
  await expect(page.getByRole('article', { name: 'Old Annex' })).toHaveCount(0);
});
