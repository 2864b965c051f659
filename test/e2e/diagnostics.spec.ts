// "Export diagnostics" in Settings, as an operator uses it: one button; the screen says where the
// folder went. In the browser harness it goes to the harness's data folder (the app asks with a
// native folder dialog, which Playwright cannot click: that part is covered by the shell's tests).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_HOST, expect, test } from './fixtures';
import { shot } from './support';

test.skip(E2E_HOST === 'electron', 'the app asks for the folder in a native dialog');

test('Export diagnostics writes one folder and says where', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toBeVisible();
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();

  await page.getByRole('button', { name: 'Export diagnostics' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Diagnostics saved in' });
  await expect(status).toBeVisible();
  await shot(page, 'settings-diagnostics-exported');

  const location = ((await status.textContent()) ?? '').replace('Diagnostics saved in ', '').trim();
  expect(location).toMatch(/panic-desk-diagnostics-\d{4}-\d{2}-\d{2}T/);
  const summary = JSON.parse(readFileSync(join(location, 'summary.json'), 'utf8')) as Record<string, unknown>;
  expect(summary).toMatchObject({ aura: { environment: 'training' }, auditLog: { verified: true } });
  expect(existsSync(join(location, 'logs', 'panic-desk.log'))).toBe(true);
});
