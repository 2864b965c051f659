// "Export diagnostics" in Settings, as an operator uses it: one button; the screen says where the
// zip went. In the browser harness it goes to the harness's data folder (the app asks with a
// native folder dialog, which Playwright cannot click: that part is covered by the shell's tests).
import { readBundle } from '../support/bundle';
import { E2E_HOST, expect, test } from './fixtures';
import { shot } from './support';

test.skip(E2E_HOST === 'electron', 'the app asks where in a native save dialog');

test('Export diagnostics writes one zip and says where', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toBeVisible();
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();

  await page.getByRole('button', { name: 'Export diagnostics' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Diagnostics saved in' });
  await expect(status).toBeVisible();
  await shot(page, 'settings-diagnostics-exported');

  const location = ((await status.textContent()) ?? '').replace('Diagnostics saved in ', '').trim();
  expect(location).toMatch(/panic-desk-diagnostics-\d{4}-\d{2}-\d{2}T[\d-]+Z\.zip$/);
  const zip = readBundle(location);
  const summary = JSON.parse(zip['summary.json'] ?? '') as Record<string, unknown>;
  expect(summary).toMatchObject({
    aura: { environment: 'training' },
    auditLog: { verified: true },
    hotkey: { accelerator: expect.any(String) },
    presses: { unsent: 0 },
  });
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['policy.json', 'logs/panic-desk.log']));
});
