// The secret-follows-URL attack (issue 12, finding 1) at the desk itself: with a secret saved for
// one AURA, someone at the desk changes only the Base URL and leaves the secret empty. Setup no
// longer offers to keep the secret, the desk refuses, and the other server receives nothing.
import { expect, test } from './fixtures';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { startHostileServer, type HostileServer } from '../support/hostile-server';
import { deskState, shot } from './support';

let aura: RunningSimulator;
let thief: HostileServer;
test.beforeAll(async () => {
  aura = await startSimulator({ clientId: 'gatehouse-desk', clientSecret: 'bound "secret" \\ 100% ü' });
  thief = await startHostileServer({ status: 200 });
});
test.afterAll(async () => {
  await aura.close();
  await thief.close();
});

test('a changed Base URL needs the secret again; the saved one is never sent there', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Setup' }).click();
  await page.getByRole('radio', { name: 'Custom', exact: true }).check();
  await page.getByLabel('Base URL').fill(aura.baseUrl);
  await page.getByLabel('Client ID').fill('gatehouse-desk');
  await page.getByLabel('Client secret').fill('bound "secret" \\ 100% ü');
  await page.getByRole('button', { name: 'Save and verify' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved and verified' })).toBeVisible();
  await expect(page.getByText(/Leave this empty to keep it/)).toBeVisible();

  // The attack: only the URL changes, the secret field stays empty.
  await page.getByLabel('Base URL').fill(thief.baseUrl);
  await expect(page.getByText(/Leave this empty to keep it/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Save and verify' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Enter the client secret again' })).toBeVisible();
  await shot(page, 'setup-04-secret-bound-to-url');

  // Even past the form (a compromised renderer calls main directly), main refuses too.
  const direct = await page.evaluate(async (url) => {
    const result = await window.panicDesk?.invoke('setup.saveCredentials', {
      environment: 'custom',
      baseUrl: url,
      clientId: 'gatehouse-desk',
      clientSecret: '',
    });
    return result ?? null;
  }, thief.baseUrl);
  expect(direct).toMatchObject({ ok: false, error: { message: expect.stringMatching(/secret again/) } });
  expect(thief.requests).toHaveLength(0);
  expect((await deskState(page)).connection).toMatchObject({ baseUrl: aura.baseUrl, hasSecret: true });

  // Back to Training for the specs after this one.
  await page.getByRole('radio', { name: 'Training', exact: true }).check();
  await page.getByRole('button', { name: 'Save and verify' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Training mode' })).toBeVisible();
});
