import { expect, test } from './fixtures';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { deskState, expectAccessible, holdToConfirm, invoke, shot, raisePanic } from './support';

// A real AURA-shaped server for the desk to be refused by: the simulator on a random port.
let aura: RunningSimulator;
test.beforeAll(async () => {
  aura = await startSimulator({ clientId: 'gatehouse-desk', clientSecret: 'the-real-secret' });
});
test.afterAll(async () => aura.close());

test('switching to Custom with bad credentials shows what AURA said and saves nothing', async ({ page }) => {
  await page.goto('/');
  const before = await deskState(page);
  expect(before.environment).toBe('training');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Setup' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Setup' })).toBeFocused();
  const environment = page.getByRole('group', { name: 'Environment' });
  for (const name of ['Training', 'Staging', 'Production', 'Custom']) {
    await expect(environment.getByRole('radio', { name, exact: true })).toBeVisible();
  }
  await expect(environment.getByRole('radio', { name: 'Training', exact: true })).toBeChecked();
  // Base URL belongs to Custom only.
  await environment.getByRole('radio', { name: 'Staging', exact: true }).check();
  await expect(page.getByLabel('Base URL')).toHaveCount(0);
  await environment.getByRole('radio', { name: 'Custom', exact: true }).check();
  await expect(page.getByLabel('Base URL')).toBeVisible();

  await page.getByLabel('Base URL').fill(aura.baseUrl);
  await page.getByLabel('Client ID').fill('gatehouse-desk');
  const secret = page.getByLabel('Client secret');
  await expect(secret).toHaveAttribute('type', 'password');
  await secret.fill('not-the-secret');
  await page.getByRole('button', { name: 'Save and verify' }).click();

  const error = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(error).toBeVisible();
  // What AURA said (the simulator answers 401 "Invalid client credentials").
  await expect(error).toContainText(/invalid client credentials|rejected/i);
  await expect(secret).toHaveValue('');
  await shot(page, 'setup-01-custom-bad-credentials');

  // Nothing saved: still Training, same connection, same sites, banner still there.
  const after = await deskState(page);
  expect(after.environment).toBe('training');
  expect(after.connection).toEqual(before.connection);
  expect(after.allSites.map((s) => s.id)).toEqual(before.allSites.map((s) => s.id));
  await expect(page.getByText('TRAINING — no responders are dispatched')).toBeVisible();
  await expect(page.getByText(/Now: Training/)).toBeVisible();
  // The secret never comes back to the renderer in any form.
  expect(JSON.stringify(after)).not.toContain('not-the-secret');
  await expectAccessible(page, 'Setup with an error');
});

test('the desk details are saved and the phone number is shown', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Setup' }).click();
  await page.getByLabel('Control-room phone number').fill('+27 11 555 0100');
  await page.getByLabel('Desk name').fill('Main gate');
  await page.getByRole('button', { name: 'Save desk details' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const state = await deskState(page);
  expect(state.settings.controlRoomPhone).toBe('+27 11 555 0100');
  expect(state.settings.deskName).toBe('Main gate');
  await shot(page, 'setup-02-training');
  await invoke(page, 'settings.update', { controlRoomPhone: '', deskName: '' });
});

test.describe('a working Custom connection', () => {
  test.afterEach(async ({ page }) => {
    // Whatever happened, the next spec finds the desk in Training.
    await invoke(page, 'setup.saveCredentials', { environment: 'training' });
  });

  test('switches the desk to that AURA; back in Training, nothing of the two environments mixes', async ({ page }) => {
    aura.state.addLocation({
      externalReferenceId: 'HARBOUR-1',
      locationIdentifier: 'Harbour Gate',
      latitude: '-33.9',
      longitude: '18.4',
    });
    await page.goto('/');
    // Something of Training's own first: a closed callout in its history.
    const trainingCallout = await raisePanic(page, 'Downtown Branch');
    await trainingCallout.getByRole('button', { name: 'Close callout' }).click();
    await expect(trainingCallout.locator('.callout-stage')).toHaveText('Closed');
    const training = await deskState(page);

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Setup' }).click();
    await page.getByRole('radio', { name: 'Custom', exact: true }).check();
    await page.getByLabel('Base URL').fill(aura.baseUrl);
    await page.getByLabel('Client ID').fill('gatehouse-desk');
    await page.getByLabel('Client secret').fill('the-real-secret');
    await page.getByRole('button', { name: 'Save and verify' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved and verified' })).toBeVisible();
    await expect(page.getByLabel('Client secret')).toHaveValue('');
    await expect(page.getByText('TRAINING — no responders are dispatched')).toHaveCount(0);
    await expect(page.getByText(/Now: Custom/)).toBeVisible();
    await shot(page, 'setup-03-custom-saved');

    // The desk now shows that AURA's sites, and a press reaches it.
    const custom = await deskState(page);
    expect(custom.environment).toBe('custom');
    expect(custom.connection).toMatchObject({ environment: 'custom', clientId: 'gatehouse-desk', hasSecret: true });
    expect(JSON.stringify(custom)).not.toContain('the-real-secret');
    expect(custom.callouts.some((c) => training.callouts.some((t) => t.id === c.id && t.siteId === c.siteId))).toBe(
      false,
    );
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Desk' }).click();
    await holdToConfirm(page, 'Panic: Harbour Gate');
    await expect(page.getByRole('region', { name: 'Callout for Harbour Gate' }).locator('.callout-stage')).toHaveText(
      'ALARM RECEIVED — finding a responder',
    );
    const raised = aura.state.allCallouts().filter((c) => c.externalReferenceId === 'HARBOUR-1');
    expect(raised).toHaveLength(1);
    for (const c of raised) aura.state.advance(c.id, 'close');

    // Back to Training: its own sites and history again, none of Custom's.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Setup' }).click();
    await page.getByRole('radio', { name: 'Training', exact: true }).check();
    await page.getByRole('button', { name: 'Save and verify' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Training mode' })).toBeVisible();
    await expect(page.getByText('TRAINING — no responders are dispatched')).toBeVisible();
    const back = await deskState(page);
    expect(back.environment).toBe('training');
    expect(back.allSites.some((s) => s.id === 'HARBOUR-1')).toBe(false);
    expect(back.callouts.map((c) => c.id)).toEqual(training.callouts.map((c) => c.id));
  });
});
