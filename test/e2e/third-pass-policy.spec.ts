// Issue 23, items 4 and 11 under an administrator's policy: a live desk (Production, or a Custom
// URL on AURA's production host) carries a permanent "LIVE — real responders" badge, Staging and
// other Custom URLs their own banner; switching to a live environment in Setup asks once; and the
// quick messages to the control room are the policy's when it sets them. Each harness here runs
// on its own port (the run's port + 2 and + 3), with its own policy file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_HOST, expect, test } from './fixtures';
import { closeEverything, deskState, expectAccessible, holdToConfirm, shot } from './support';
import { startHarness, type RunningHarness } from '../harness/server';

test.skip(E2E_HOST === 'electron', 'starts its own web harnesses with policy files');

const PORT = Number(process.env.PANIC_DESK_PORT ?? 5178);
let dir = '';
const harnesses: RunningHarness[] = [];

async function harnessWith(port: number, name: string, policy: unknown): Promise<{ url: string; file: string }> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(policy));
  const harness = await startHarness(port, join(dir, `${name}-data`), { policyFile: file });
  harnesses.push(harness);
  return { url: harness.url, file };
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'panic-desk-i23-e2e-'));
});

test.afterAll(async () => {
  for (const harness of harnesses) await harness.close();
  rmSync(dir, { recursive: true, force: true });
});

test('4: Production and a Custom URL on AURA’s production host say LIVE; Staging and other Custom URLs have their own banner', async ({
  page,
}) => {
  const { url, file } = await harnessWith(PORT + 3, 'live', { environment: 'production', clientId: 'acme-desks' });
  await page.goto(url);
  const live = page.getByText('LIVE — real responders', { exact: true });
  await expect(live).toBeVisible();
  await expect(page.getByText(/^TRAINING/)).toHaveCount(0);
  await shot(page, 'i23-04-live-badge');
  await expectAccessible(page, 'a live desk');

  writeFileSync(
    file,
    JSON.stringify({
      environment: 'custom',
      baseUrl: 'https://PANIC.aura.services./panic-api/v2',
      clientId: 'acme-desks',
    }),
  );
  await expect.poll(async () => (await deskState(page)).environment, { timeout: 15_000 }).toBe('custom');
  await expect(live).toBeVisible();

  writeFileSync(
    file,
    JSON.stringify({ environment: 'custom', baseUrl: 'https://aura.example.com/panic-api/v2', clientId: 'acme-desks' }),
  );
  await expect
    .poll(async () => (await deskState(page)).connection.baseUrl, { timeout: 15_000 })
    .toContain('aura.example.com');
  await expect(live).toHaveCount(0);
  await expect(page.getByText(/^CUSTOM AURA ADDRESS — aura\.example\.com/)).toBeVisible();

  writeFileSync(file, JSON.stringify({ environment: 'staging', clientId: 'acme-desks' }));
  await expect.poll(async () => (await deskState(page)).environment, { timeout: 15_000 }).toBe('staging');
  await expect(page.getByText(/^STAGING — AURA’s test system: nobody is dispatched/)).toBeVisible();
  await expect(live).toHaveCount(0);
  await shot(page, 'i23-04-staging-banner');
});

test('4: switching to Production in Setup asks once that PANIC now sends real responders', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Alt+6');
  await page.getByRole('radio', { name: 'Production', exact: true }).check();
  await page.getByLabel('Client ID').fill('acme-desks');
  await page.getByLabel('Client secret').fill('not-a-real-secret');
  await page.getByRole('button', { name: 'Save and verify' }).click();
  const ask = page.getByRole('dialog', { name: 'Switch to a live desk?' });
  await expect(ask).toContainText('From now on, holding PANIC sends real responders.');
  await expectAccessible(page, 'the live switch question');
  await ask.getByRole('button', { name: 'Stay on this desk' }).click();
  await expect(ask).toHaveCount(0);
  expect((await deskState(page)).environment).toBe('training');
});

test('11: the policy sets the quick messages', async ({ page }) => {
  const { url } = await harnessWith(PORT + 2, 'quick', { quickMessages: ['Fire in the building', 'Gate forced'] });
  await page.goto(url);
  await holdToConfirm(page, 'Panic: Downtown Branch');
  const callout = page.getByRole('region', { name: 'Callout for Downtown Branch' });
  const quick = callout.getByRole('group', { name: 'Quick messages' });
  await expect(quick.getByRole('button')).toHaveText(['Fire in the building', 'Gate forced']);
  await closeEverything(page);
});
