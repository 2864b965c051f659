// Issue 20's rule on the screen: a press made for another AURA connection than the desk's (here
// one made on a custom AURA, now on a Training desk) is shown NOT SENT on its site's card with the
// control-room number and only "Put away" (its secret is not in the keychain), never sent here;
// and a press nothing sends by itself on a site the desk does not show (finding 11) keeps its
// choices in the attention strip. A harness of its own, on a data folder holding those presses.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_HOST, expect, test } from './fixtures';
import { deskState, expectAccessible, invoke, shot } from './support';
import { startHarness, type RunningHarness } from '../harness/server';

test.skip(E2E_HOST === 'electron', 'starts its own web harness on a prepared data folder');

const PORT = Number(process.env.PANIC_DESK_PORT ?? 5178) + 2;
const PHONE = '+27 11 555 0199';
const press = (id: string, siteId: string, extra: Record<string, unknown>) => ({
  id,
  siteId,
  source: 'button',
  pressedAt: Date.now() - 20 * 60_000,
  status: 'notSent',
  attempts: 4,
  lastError: 'AURA did not answer',
  calloutId: null,
  ...extra,
});

let dir = '';
let harness: RunningHarness | null = null;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'panic-desk-elsewhere-e2e-'));
  const data = join(dir, 'data');
  mkdirSync(data);
  writeFileSync(
    join(data, 'presses.json'),
    JSON.stringify([
      press('custom-1', 'site_9944', {
        target: { environment: 'custom', baseUrl: 'https://aura.example.test/panic-api/v2', clientId: 'gate-3' },
      }),
      press('gone-1', 'site_removed', {
        stale: true,
        target: { environment: 'training', baseUrl: null, clientId: null },
      }),
    ]),
  );
  harness = await startHarness(PORT, data);
});

test.afterAll(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("another connection's press stays NOT SENT with Put away; a hidden site's press keeps its choices in the strip", async ({
  page,
}) => {
  await page.goto(harness?.url ?? '');
  expect((await invoke(page, 'settings.update', { controlRoomPhone: PHONE })).ok).toBe(true);
  const card = page.getByRole('article', { name: 'Downtown Branch' });
  const box = card.locator('.press-elsewhere');
  // Not an alert of its own: the desk's one announcer speaks for every press in trouble (issue 23).
  await expect(box.locator('.press-title')).toHaveText("NOT SENT — made for AURA (custom URL), not this desk's AURA");
  await expect(box).toContainText(`Phone the control room now: ${PHONE}`);
  await expect(box.getByRole('button', { name: 'Send now' })).toHaveCount(0);
  await expect(box.getByRole('button', { name: 'Put away (I phoned the control room)' })).toBeVisible();

  const strip = page.getByRole('navigation', { name: 'Needs attention' });
  const hidden = strip.getByRole('listitem').filter({ hasText: 'site_removed' });
  // Stale (20 min) and on a site the policy took off the desk: the strip asks, with the number to phone.
  await expect(hidden).toContainText('STILL NEEDED?');
  await expect(hidden).toContainText(`phone the control room now: ${PHONE}`);
  await expect(hidden.getByRole('button', { name: 'Send now' })).toBeVisible();
  await expect(hidden.getByRole('button', { name: 'Put away (I phoned the control room)' })).toBeVisible();
  await shot(page, 'presses-elsewhere-01');
  await expectAccessible(page, 'the desk with a press of another connection');

  await box.getByRole('button', { name: 'Put away (I phoned the control room)' }).click();
  await expect(box).toHaveCount(0);
  await hidden.getByRole('button', { name: 'Put away (I phoned the control room)' }).click();
  await expect(hidden).toHaveCount(0);
  const state = await deskState(page);
  expect(state.presses.filter((p) => !p.dismissed && p.status !== 'sent')).toEqual([]);
  // Nothing reached Training's AURA from either press.
  expect(state.callouts).toEqual([]);
});
