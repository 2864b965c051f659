import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { E2E_HOST, expect, test } from './fixtures';
import { calloutCount, closeEverything, deskState, expectAccessible, shot, raisePanic } from './support';

const SITE = 'Downtown Branch';

test.afterEach(async ({ page }) => closeEverything(page));
// Stopping and restarting the desk are controls of the web harness (test/harness/server.ts).
test.skip(E2E_HOST === 'electron', 'the /__harness/ desk controls exist in the web harness only');

test('a restart of the desk mid-callout resumes the timeline and keeps following the callout', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const siteId = (await deskState(page)).sites.find((s) => s.name === SITE)?.id ?? '';
  const before = await calloutCount(page, siteId);
  const callout = await raisePanic(page, SITE);
  await callout.getByRole('button', { name: 'Dispatch responder' }).click();
  await expect(callout.locator('.callout-stage')).toHaveText(/^RESPONDER ON THE WAY/);
  const timeline = callout.getByRole('list', { name: 'Timeline' });
  const seen = await timeline.getByRole('listitem').allInnerTexts();

  // The desk restarts on the same data folder (AURA, here the Training world, carries on).
  const restarted = await request.post('/__harness/restart');
  expect(restarted.ok()).toBe(true);
  await page.reload();

  // The same callout, its timeline as it was, and it is still being followed.
  await expect(callout.locator('.callout-stage')).toHaveText(/^RESPONDER ON THE WAY/);
  const resumed = await timeline.getByRole('listitem').allInnerTexts();
  expect(resumed.slice(0, seen.length)).toEqual(seen);
  await shot(page, 'restart-01-resumed');
  await callout.getByRole('button', { name: 'Responder arrived' }).click();
  await expect(callout.locator('.callout-stage')).toHaveText('RESPONDER ON SITE');
  await expect(timeline.getByRole('listitem').last()).toContainText('Arrived');
  expect(await calloutCount(page, siteId)).toBe(before + 1);
  await shot(page, 'restart-02-arrived-after-restart');
});

test('a settings file damaged while the desk was closed: it starts on defaults, says so, and the notice can be dismissed', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toBeVisible();
  const info = (await (await request.get('/__harness/info')).json()) as { dataDir: string };
  expect((await request.post('/__harness/stop')).ok()).toBe(true);
  const file = join(info.dataDir, 'panic-desk.json');
  const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify({ ...saved, settings: { holdMs: 'a while' } }));
  expect((await request.post('/__harness/start')).ok()).toBe(true);
  await page.reload();

  const notices = page.getByRole('region', { name: 'Notices' });
  const notice = notices.getByRole('listitem').filter({ hasText: 'Saved "settings" could not be read' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Warning');
  // The desk works on defaults meanwhile: the default hold time is on the button.
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toHaveAccessibleDescription('Hold 1.5 s');
  await shot(page, 'restart-03-notice');
  await expectAccessible(page, 'the desk with a notice');

  for (const button of await notices.getByRole('button', { name: /^Dismiss/ }).all()) await button.click();
  await expect(notices).toHaveCount(0);
  await expect.poll(async () => (await deskState(page)).notices).toEqual([]);
});
