import { expect, test } from './fixtures';
import { DEFAULT_SETTINGS } from '../../electron/shared/model/settings';
import { deskState, expectAccessible, invoke, shot } from './support';

test.afterEach(async ({ page }) => {
  await invoke(page, 'hotkey.test', { action: 'stop' });
  const { shownSiteIds: _shown, ...defaults } = DEFAULT_SETTINGS;
  await invoke(page, 'settings.update', defaults);
});

test('hold time, hotkey (recorded, its site, tested), start at login and notifications', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toBeVisible();
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();

  await page.getByLabel('Hold time (seconds)').fill('0.5');
  await page.getByLabel('Ask before sending a late panic (minutes)').fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Enter a whole number of minutes from 1 to 1440')).toBeVisible();
  await expect(page.getByLabel('Ask before sending a late panic (minutes)')).toBeFocused();
  await page.getByLabel('Ask before sending a late panic (minutes)').fill('15');
  await page.getByRole('button', { name: 'Record hotkey' }).click();
  await page.keyboard.press('K'); // no modifier: refused, still recording
  await expect(page.getByText('Hold Ctrl or Alt')).toBeVisible();
  await page.keyboard.press('Control+Alt+K');
  await expect(page.getByText('Hotkey: Ctrl + Alt + K')).toBeVisible();
  await page.getByLabel('Hotkey site').selectOption({ label: 'Downtown Branch (site_9944)' });
  await page.getByLabel('Start Panic Desk when this computer starts').uncheck();
  await page.getByLabel('Show system notifications when a callout moves').uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

  const { settings } = await deskState(page);
  expect(settings).toMatchObject({
    holdMs: 500,
    stalePressMinutes: 15,
    hotkey: 'CommandOrControl+Alt+K',
    hotkeySiteId: 'site_9944',
    startAtLogin: false,
    notifications: false,
  });
  await expect(
    page.getByText(/Saved hotkey: Ctrl \+ Alt \+ K raises a silent panic for Downtown Branch/),
  ).toBeVisible();

  // Test: the desk waits for the hotkey; nothing is raised meanwhile.
  await page.getByRole('button', { name: 'Test hotkey' }).click();
  await expect(page.getByText('Testing: press Ctrl + Alt + K now')).toBeVisible();
  await expect.poll(async () => (await deskState(page)).hotkey.testing).toBe(true);
  await shot(page, 'settings-01-hotkey-test');
  await expectAccessible(page, 'Settings');
  await page.getByRole('button', { name: 'Stop the test' }).click();
  await expect(page.getByText('Testing: press')).toHaveCount(0);

  // The new hold time is on the desk's buttons.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toHaveAccessibleDescription('Hold 0.5 s');
});

test('a hold time outside 0 to 5 s is refused beside the field', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Hold time (seconds)').fill('9');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Hold time is between 0 and 5 seconds')).toBeVisible();
  expect((await deskState(page)).settings.holdMs).toBe(1500);
});
