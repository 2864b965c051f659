// Setup's "Run full check" (issue 11 item 4): offered for Staging and Custom only; for Custom it
// runs the read-only conformance walk against a simulator and shows the report on the screen,
// saving nothing.
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { expect, test } from './fixtures';
import { deskState, expectAccessible } from './support';

let aura: RunningSimulator;
test.beforeAll(async () => {
  aura = await startSimulator({ clientId: 'check-desk', clientSecret: 'full-check-secret' });
});
test.afterAll(async () => aura.close());

test('Run full check shows the report for Custom and saves nothing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Setup' }).click();
  const environment = page.getByRole('group', { name: 'Environment' });
  const fullCheck = page.getByRole('button', { name: 'Run full check' });
  await expect(fullCheck).toHaveCount(0); // Training
  await environment.getByRole('radio', { name: 'Production', exact: true }).check();
  await expect(fullCheck).toHaveCount(0);
  await environment.getByRole('radio', { name: 'Staging', exact: true }).check();
  await expect(fullCheck).toBeVisible();
  await environment.getByRole('radio', { name: 'Custom', exact: true }).check();

  await page.getByLabel('Base URL').fill(aura.baseUrl);
  await page.getByLabel('Client ID').fill('check-desk');
  await page.getByLabel('Client secret').fill('full-check-secret');
  await fullCheck.click();

  await expect(page.getByRole('heading', { name: 'Full check: passed' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^PASSED: 3 steps/ })).toBeVisible();
  await page.getByText('The report').click();
  await expect(page.getByText('### 2. List Fixed Locations: ok')).toBeVisible();
  await expectAccessible(page, 'Setup with a full check report');

  const state = await deskState(page);
  expect(state.environment).toBe('training');
  expect(JSON.stringify(state)).not.toContain('full-check-secret');
  expect(aura.requests.filter((r) => r.method !== 'GET' && r.op !== 'token')).toEqual([]);
});
