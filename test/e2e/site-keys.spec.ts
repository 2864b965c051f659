// Physical panic buttons (issue 24), through the web harness, whose "operating system" registers
// the desk's global keys with main's own code and fires them on POST /__harness/shortcut:
// - "Test your button" says which key the button sent and which site it would raise, raises
//   nothing at AURA, releases the desk's keys while it listens and takes them back after, and
//   binds the key to a site;
// - a site key pressed as the OS would raises a callout at AURA for that very site, silently.
import type { APIRequestContext } from '@playwright/test';
import { E2E_HOST, expect, test } from './fixtures';
import { closeEverything, deskState, expectAccessible, invoke, shot, simulatorControl } from './support';

test.skip(E2E_HOST === 'electron', 'the global-shortcut hook is the web harness’s');

/** Fires a global shortcut as the OS would; says whether a key of the desk took it, and which are registered. */
async function pressGlobal(
  request: APIRequestContext,
  accelerator: string,
): Promise<{ delivered: boolean; registered: string[] }> {
  const response = await request.post(`/__harness/shortcut?accelerator=${encodeURIComponent(accelerator)}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { delivered: boolean; registered: string[] };
}

/** The callouts the Training simulator (AURA) holds: what a raise would have added to. */
async function auraCallouts(request: APIRequestContext): Promise<Array<{ externalReferenceId: string }>> {
  return (await simulatorControl(request, 'GET', '/callouts')) as Array<{ externalReferenceId: string }>;
}

test.afterEach(async ({ page }) => {
  await invoke(page, 'button.test', { action: 'stop' });
  await invoke(page, 'settings.update', { siteHotkeys: {} });
  await closeEverything(page);
});

test('Test your button: shows the key and its site, raises nothing, lends the keys and binds the button', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Panic: / }).first()).toBeVisible();
  await closeEverything(page);
  const { sites, settings } = await deskState(page);
  const site = sites[0];
  if (!site) throw new Error('the harness desk shows no site');
  const before = JSON.stringify(await auraCallouts(request));
  const pressesBefore = (await deskState(page)).presses.map((p) => p.id);
  expect((await pressGlobal(request, 'F20')).registered).toContain(settings.hotkey);

  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: 'Test your button' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test your button' });
  await expect(dialog.getByRole('button', { name: /Listening: press your button now/ })).toBeFocused();
  await expect.poll(async () => (await deskState(page)).hotkey.buttonTest).toBe(true);
  // While it listens the desk's own keys are released: the OS would hand them to the window.
  expect((await pressGlobal(request, 'F20')).registered).toEqual([]);
  await expectAccessible(page, 'Test your button');

  // Many pedals send a Ctrl+Alt+… chord (F13–F24 are not on Playwright's keyboard).
  await page.keyboard.press('Control+Alt+F9');
  const result = dialog.getByRole('status', { name: 'Test result' });
  await expect(result).toContainText('Your button sent: Ctrl + Alt + F9');
  await expect(result).toContainText('It raises nothing: no site has this key yet.');
  await expect.poll(async () => (await pressGlobal(request, 'F20')).registered).toContain(settings.hotkey);

  await dialog.getByLabel('Site for this button').selectOption(site.id);
  await dialog.getByRole('button', { name: 'Bind to this site' }).click();
  await expect(dialog.getByText(`Bound: Ctrl + Alt + F9 now raises ${site.name}.`)).toBeVisible();
  expect((await deskState(page)).settings.siteHotkeys).toEqual({ [site.id]: 'CommandOrControl+Alt+F9' });

  await dialog.getByRole('button', { name: 'Listen again' }).click();
  await page.keyboard.press('Control+Alt+F9');
  await expect(result).toContainText(`It would raise ${site.name}.`);
  await shot(page, 'site-keys-01-test-your-button');
  // A key typing could set off is shown, refused, and offered for no site.
  await dialog.getByRole('button', { name: 'Listen again' }).click();
  await page.keyboard.press('F5');
  await expect(result).toContainText('F5 cannot be the panic hotkey');
  await expect(dialog.getByRole('button', { name: 'Bind to this site' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await pressGlobal(request, 'F20')).registered).toContain('CommandOrControl+Alt+F9');

  // Nothing was raised: AURA holds what it held, and the desk made no press.
  expect(JSON.stringify(await auraCallouts(request))).toBe(before);
  expect((await deskState(page)).presses.map((p) => p.id)).toEqual(pressesBefore);
  await expect(page.getByText('Registered with the system.').last()).toBeVisible();
});

test('a site key pressed as the OS would raises a silent callout for that site, and nothing pops up', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Panic: / }).first()).toBeVisible();
  await closeEverything(page);
  const { sites } = await deskState(page);
  const site = sites[sites.length - 1];
  if (!site) throw new Error('the harness desk shows no site');
  expect((await invoke(page, 'settings.update', { siteHotkeys: { [site.id]: 'Control+Alt+F14' } })).ok).toBe(true);
  await expect
    .poll(async () => (await deskState(page)).hotkey.siteKeys)
    .toEqual([{ siteId: site.id, accelerator: 'Control+Alt+F14', registered: true, error: null }]);

  await page.keyboard.press('Alt+4'); // on Settings, as a guard might be: the press must not change the view
  const heading = page.getByRole('heading', { level: 1, name: 'Settings' });
  await expect(heading).toBeFocused();
  const activeBefore = (await auraCallouts(request)).filter((c) => c.externalReferenceId === site.id).length;
  const pressesBefore = new Set((await deskState(page)).presses.map((p) => p.id));

  expect((await pressGlobal(request, 'Control+Alt+F14')).delivered).toBe(true);
  await expect
    .poll(async () => (await auraCallouts(request)).filter((c) => c.externalReferenceId === site.id).length)
    .toBe(activeBefore + 1);
  const made = (await deskState(page)).presses.filter((p) => !pressesBefore.has(p.id));
  expect(made.map((p) => [p.siteId, p.source])).toEqual([[site.id, 'hotkey']]);
  // Silent: the desk stays where it was, with focus where it was and no dialog.
  await expect(heading).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await shot(page, 'site-keys-02-after-silent-press');
});
