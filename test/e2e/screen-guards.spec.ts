// Issue 14, items 3 to 7: the first-run phone number, the hotkey recorder's refusals, the hold
// time typed with a comma, unsaved settings, the feedback of a tap, and Setup's errors beside
// their fields in plain words.
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { DEFAULT_SETTINGS } from '../../electron/shared/model/settings';
import { deskState, expectAccessible, invoke, shot } from './support';

const PHONE = '+27 11 555 0199';
// Nothing listens here: the top of this helper's port range (5250-5259), left free on purpose.
const DEAD_URL = `http://127.0.0.1:${Number(process.env.PANIC_DESK_PORT ?? 5178) + 9}/panic-api/v2`;

test.afterEach(async ({ page }) => {
  const { shownSiteIds: _shown, ...defaults } = DEFAULT_SETTINGS;
  await invoke(page, 'settings.update', defaults);
});

test('first run asks for the control-room number, refuses "call Bob", and warns until it is set', async ({ page }) => {
  await page.goto('/');
  expect((await deskState(page)).settings.controlRoomPhone).toBe('');
  const box = page.getByRole('textbox', { name: 'Control-room phone number' });
  await expect(box).toBeVisible();
  await shot(page, 'i14-phone-01-first-run');
  await box.fill('call Bob');
  await page.getByRole('button', { name: 'Save number' }).click();
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toBeFocused();
  await expect(page.getByText('Use digits, spaces, +, - and parentheses only')).toBeVisible();
  expect((await deskState(page)).settings.controlRoomPhone).toBe('');
  // The contract refuses it too, whoever sends it.
  expect((await invoke(page, 'settings.update', { controlRoomPhone: 'call Bob' })).ok).toBe(false);
  await expectAccessible(page, 'the desk asking for the phone number');

  // Later: the question folds into a warning that stays.
  await page.getByRole('button', { name: 'Later' }).click();
  const warning = page.getByRole('note').filter({ hasText: 'No control-room phone number' });
  await expect(warning).toBeVisible();
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Alt+1');
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: 'Set it now' }).click();
  await box.fill(PHONE);
  await page.getByRole('button', { name: 'Save number' }).click();
  await expect(warning).toHaveCount(0);
  await expect(box).toHaveCount(0);
  await expect.poll(async () => (await deskState(page)).settings.controlRoomPhone).toBe(PHONE);

  // Settings refuses it the same way, beside the field.
  await page.keyboard.press('Alt+4');
  const field = page.getByRole('textbox', { name: 'Control-room phone number' });
  await field.fill('call Bob');
  await page.getByRole('button', { name: 'Save desk details' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect((await deskState(page)).settings.controlRoomPhone).toBe(PHONE);
});

test('the recorder refuses Ctrl+C and Ctrl+Alt+Delete; "0,5" is half a second; unsaved changes are kept, not asked about', async ({
  page,
}) => {
  await page.goto('/');
  await invoke(page, 'settings.update', { controlRoomPhone: PHONE });
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  const current = page.getByText(/^Hotkey: /);
  await expect(current).toHaveText('Hotkey: Ctrl + Alt + Shift + P');

  await page.getByRole('button', { name: 'Record hotkey' }).click();
  await page.keyboard.press('Control+C');
  await expect(page.getByText('Ctrl + C cannot be the panic hotkey')).toBeVisible();
  await page.keyboard.press('Control+Alt+Delete');
  await expect(page.getByText('Ctrl + Alt + Delete cannot be the panic hotkey')).toBeVisible();
  await expect(current).toHaveText('Hotkey: Ctrl + Alt + Shift + P');
  await shot(page, 'i14-settings-01-hotkey-refused');
  await page.keyboard.press('Escape');
  // Whoever sends it, core refuses it too.
  const refused = await invoke(page, 'settings.update', { hotkey: 'CommandOrControl+C' });
  expect(refused.ok).toBe(false);

  const hold = page.getByLabel('Hold time (seconds)');
  await hold.fill('0,5');
  // Unsaved: the desk opens at once (issue 23), and the draft is offered back in Settings.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Desk/ }).click();
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toBeVisible();
  await page.keyboard.press('Alt+4');
  const restore = page.getByRole('group', { name: 'Unsaved changes to Panic button and hotkey' });
  await expectAccessible(page, 'the offer to restore unsaved changes');
  await restore.getByRole('button', { name: 'Restore unsaved changes' }).click();
  await expect(hold).toHaveValue('0,5');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect.poll(async () => (await deskState(page)).settings.holdMs).toBe(500);

  await hold.fill('half a second');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(hold).toHaveAttribute('aria-invalid', 'true');
  await expect(hold).toBeFocused();
  await expect(page.getByText('is not a number of seconds')).toBeVisible();
  expect((await deskState(page)).settings.holdMs).toBe(500);
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toHaveAccessibleDescription('Hold 0.5 s');
});

test('a click or a tap of Space says that nothing was sent', async ({ page }) => {
  await page.goto('/');
  const before = (await deskState(page)).presses.length;
  const panic = page.getByRole('button', { name: 'Panic: Downtown Branch' });
  await panic.click();
  await expect(panic).toHaveAccessibleDescription('Too short — hold to send');
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Alt+1');
  await panic.focus();
  await page.keyboard.press('Space');
  await expect(panic).toHaveAccessibleDescription('Too short — hold to send');
  await shot(page, 'i14-panic-01-tap');
  expect((await deskState(page)).presses.length).toBe(before);
});

test('Setup: each error beside its field, the field marked and focused, in plain words', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Alt+6');
  await page.getByRole('radio', { name: 'Custom', exact: true }).check();
  await page.getByRole('button', { name: 'Save and verify' }).click();
  const baseUrl = page.getByLabel('Base URL');
  await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(baseUrl).toBeFocused();
  await expect(baseUrl).toHaveAccessibleDescription(/Enter the base URL AURA gave you/);

  // Over-long input: words, not schema text.
  await baseUrl.fill(DEAD_URL);
  const clientId = page.getByLabel('Client ID');
  await clientId.fill('x'.repeat(250));
  await page.getByLabel('Client secret').fill('s3cret');
  await page.getByRole('button', { name: 'Save and verify' }).click();
  await expect(clientId).toHaveAttribute('aria-invalid', 'true');
  await expect(clientId).toBeFocused();
  await expect(clientId).toHaveAccessibleDescription(/The client ID is too long: 250 characters, at most 200/);
  await expect(page.locator('body')).not.toContainText('setup.saveCredentials');

  // Nothing answers at that address: said in words beside the Base URL.
  await clientId.fill('gatehouse-desk');
  await page.getByLabel('Client secret').fill('s3cret');
  await page.getByRole('button', { name: 'Save and verify' }).click();
  await expect(baseUrl).toHaveAttribute('aria-invalid', 'true', { timeout: 30_000 });
  await expect(baseUrl).toBeFocused();
  const error = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(error).toContainText(/reach AURA|Nothing answered/);
  await expect(page.locator('body')).not.toContainText('ECONNREFUSED');
  await shot(page, 'i14-setup-01-unreachable');
  await expectAccessible(page, 'Setup with an error beside its field');
  expect((await deskState(page)).environment).toBe('training');
});

test('the CSV export opens right in a spreadsheet: BOM, local time with offset, words, no JSON', async ({ page }) => {
  await page.goto('/');
  await invoke(page, 'settings.update', { controlRoomPhone: PHONE });
  await page.keyboard.press('Alt+5');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  // The file name is in local time too (no "T", no "Z").
  expect(file.suggestedFilename()).toMatch(/^panic-desk-audit-\d{4}-\d\d-\d\d-\d{6}\.csv$/);
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  const [header, ...rows] = text.trim().split('\r\n');
  expect(header).toBe('"Entry","Date and time","Desk","Event","What happened","Details","Hash"');
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toMatch(/^"\d+","\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d",/);
  expect(text).toContain('Settings changed: control-room phone number');
  expect(text).not.toMatch(/controlRoomPhone|"calloutCreated"|"\{/);
});
