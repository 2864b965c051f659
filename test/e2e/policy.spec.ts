// An administrator's policy on the screen: a second harness started here with a policy file
// (PANIC_DESK_POLICY's route), on the port after the run's own. Locked settings are read-only and
// say "Set by your organisation", the sites and hotkey are the policy's, a command that tries to
// change a locked setting is refused by the core, and a broken policy shows as a warning.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_HOST, expect, test } from './fixtures';
import { deskState, expectAccessible, invoke, shot, raisePanic } from './support';
import { AuraClient } from '../../electron/core/aura/client';
import { hashCodes } from '../../electron/core/policy/cancel-codes';
import { TRAINING_CREDENTIALS } from '../../electron/core/host/training-desk';
import { startHarness, type RunningHarness } from '../harness/server';

test.skip(E2E_HOST === 'electron', 'starts its own web harness with a policy file');

const PORT = Number(process.env.PANIC_DESK_PORT ?? 5178) + 1;
const POLICY = {
  sites: ['site_9944'],
  hotkey: 'CommandOrControl+Alt+Shift+F9',
  hotkeySite: 'site_9944',
  holdMs: 500,
  controlRoomPhone: '+27 21 555 0199',
  locked: ['sites', 'hotkey', 'hotkeySite', 'holdMs', 'controlRoomPhone'],
  deskName: 'Gate 3',
  // Hashed in beforeAll (one salt for both, at a test's low cost).
  cancelCodes: { cancel: [] as string[], duress: [] as string[] },
};

let dir = '';
let policyFile = '';
let harness: RunningHarness | null = null;
let base = '';

test.beforeAll(async () => {
  const [cancel = '', duress = ''] = await hashCodes(['246802', '864202'], { logN: 10 });
  POLICY.cancelCodes = { cancel: [cancel], duress: [duress] };
  dir = mkdtempSync(join(tmpdir(), 'panic-desk-policy-e2e-'));
  policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(POLICY));
  harness = await startHarness(PORT, join(dir, 'data'), { policyFile });
  // Its own URL, with its own per-run token.
  base = harness.url;
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** AURA behind this harness's desk (its Training simulator), read and written with AURA's own API. */
async function auraOfHarness(page: Page): Promise<AuraClient> {
  const infoUrl = new URL('/__harness/info', base).href;
  const headers = { authorization: `Bearer ${harness?.token ?? ''}` };
  const info = (await (await page.request.get(infoUrl, { headers })).json()) as { simulatorBaseUrl: string };
  return new AuraClient({
    baseUrl: info.simulatorBaseUrl,
    clientId: TRAINING_CREDENTIALS.clientId,
    getSecret: async () => TRAINING_CREDENTIALS.clientSecret,
    keepWarm: false,
  });
}

test('locked settings are read-only, the policy’s hotkey and sites show, a locked change is refused', async ({
  page,
}) => {
  await page.goto(base);
  const panic = page.getByRole('button', { name: 'Panic: Downtown Branch' });
  await expect(panic).toBeVisible();
  await expect(panic).toHaveAccessibleDescription('Hold 0.5 s');
  // AURA knows a second site; the desk learns of it but shows only the policy's.
  const aura = await auraOfHarness(page);
  try {
    await aura.createFixedLocation({
      externalReferenceId: 'GATE-SIDE',
      name: 'Side Gate',
      latitude: -26.2,
      longitude: 28,
    });
  } finally {
    aura.close();
  }
  expect((await invoke(page, 'sites.sync', {})).ok).toBe(true);
  await expect.poll(async () => (await deskState(page)).allSites.map((s) => s.id)).toContain('GATE-SIDE');
  expect((await deskState(page)).sites.map((s) => s.id)).toEqual(['site_9944']);
  await expect(page.getByRole('button', { name: 'Panic: Side Gate' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByText('Hotkey: Ctrl + Alt + Shift + F9', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record hotkey' })).toHaveCount(0);
  await expect(page.getByLabel('Hold time (seconds)')).toHaveAttribute('readonly', '');
  await expect(page.getByLabel('Hold time (seconds)')).toHaveAccessibleDescription('Set by your organisation');
  await expect(page.getByLabel('Hotkey site')).toBeDisabled();
  await expect(page.getByLabel('Control-room phone number')).toHaveValue('+27 21 555 0199');
  await expect(page.getByLabel('Control-room phone number')).toHaveAttribute('readonly', '');
  // Not locked: still the operator's.
  await expect(page.getByLabel('Start Panic Desk when this computer starts')).toBeEnabled();
  await shot(page, 'policy-01-settings-locked');
  await expectAccessible(page, 'Settings under a policy');

  // Around the screen, straight to the core: refused there.
  const refused = await invoke(page, 'settings.update', { hotkey: 'CommandOrControl+Alt+K' });
  expect(refused).toEqual({
    ok: false,
    error: { code: 'failed', message: 'Set by your organisation: "hotkey" cannot be changed on this desk' },
  });
  expect((await invoke(page, 'sites.choose', { shownSiteIds: null })).ok).toBe(false);
  await expect(page.getByText('Hotkey: Ctrl + Alt + Shift + F9', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Sites' }).click();
  await expect(page.getByRole('checkbox', { name: 'Show Downtown Branch on this desk' })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: 'Show Side Gate on this desk' })).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: 'Show Side Gate on this desk' })).not.toBeChecked();
  await expect(page.getByText('Set by your organisation')).toBeVisible();

  // IT breaks the policy: a warning naming the key; the last good one stays in force.
  writeFileSync(policyFile, JSON.stringify({ ...POLICY, holdMs: 'half a second' }));
  await expect(page.getByText(/Policy warning — .*"holdMs"/)).toBeVisible({ timeout: 15_000 });
  expect((await invoke(page, 'settings.update', { hotkey: 'CommandOrControl+Alt+K' })).ok).toBe(false);
  await shot(page, 'policy-02-bad-policy-warning');
  writeFileSync(policyFile, JSON.stringify(POLICY));
  await expect(page.getByText(/Policy warning/)).toHaveCount(0, { timeout: 15_000 });
});

test('a duress code looks like a cancel on the screen; AURA gets the DURESS event and no cancel', async ({ page }) => {
  await page.goto(base);
  const callout = await raisePanic(page, 'Downtown Branch', 900);
  const calloutId = (await deskState(page)).callouts.at(-1)?.id ?? '';

  await callout.getByRole('button', { name: 'Cancel callout' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel the callout for Downtown Branch?' });
  const reason = dialog.getByLabel('Reason');
  await expect(reason.locator('option')).not.toHaveCount(1);
  await reason.selectOption({ index: 1 });
  await dialog.getByLabel('Cancel code').fill('111111');
  await dialog.getByRole('button', { name: 'Confirm cancel' }).click();
  await expect(dialog.getByText('Not cancelled: Wrong cancel code')).toBeVisible();
  await dialog.getByLabel('Cancel code').fill('864202');
  await dialog.getByRole('button', { name: 'Confirm cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(callout.locator('.callout-stage')).toHaveText('Cancelled');
  await expect(callout).not.toContainText(/duress/i);
  await shot(page, 'policy-03-duress-cancel-looks-cancelled');

  // At AURA (the Training simulator, read with its own API): still active, the DURESS event on it.
  const aura = await auraOfHarness(page);
  try {
    const read = await aura.getCallout(calloutId);
    expect(read.callout.status).not.toMatch(/cancel/i);
    const events = await aura.listCalloutEvents(calloutId);
    expect(events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^DURESS — cancel requested under duress at .* UTC, Gate 3$/),
    );
  } finally {
    aura.close();
  }
  await invoke(page, 'training.advance', { calloutId, step: 'close' });
});
