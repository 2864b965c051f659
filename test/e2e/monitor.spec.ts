// Issue 24 items 2 and 3 under an administrator's policy. A monitor (`"role": "monitor"`) shows
// every callout AURA holds for any site of its client, with no PANIC button in any view, and a
// callout raised elsewhere (here through the Training simulator's control API) is on its screen
// within 10 s; no command raises from it. An ordinary desk with `colleagueAlerts: "silent"`
// notifies (silently) when a colleague's callout appears on one of its sites, never for its own
// press. Each harness runs on its own port (the run's port + 100 and + 101: the ports just above
// the run's belong to other runs on a shared machine), with its own policy file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Site } from '../../electron/shared/model/site';
import { E2E_HOST, expect, test } from './fixtures';
import { deskState, expectAccessible, holdToConfirm, invoke, shot } from './support';
import { startHarness, type RunningHarness } from '../harness/server';

test.skip(E2E_HOST === 'electron', 'starts its own web harnesses with policy files');

const PORT = Number(process.env.PANIC_DESK_PORT ?? 5178);
let dir = '';
const harnesses: RunningHarness[] = [];

interface Started {
  url: string;
  /** A GET or POST to the harness's own /__harness/ and the simulator's /__sim/ routes. */
  harness(path: string): Promise<unknown>;
  sim(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
}

async function harnessWith(port: number, name: string, policy: unknown): Promise<Started> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(policy));
  const running = await startHarness(port, join(dir, `${name}-data`), { policyFile: file });
  harnesses.push(running);
  const auth = { authorization: `Bearer ${running.token}` };
  const harness = async (path: string): Promise<unknown> =>
    (await fetch(`http://127.0.0.1:${port}/__harness/${path}`, { headers: auth })).json();
  const sim = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const info = (await harness('info')) as {
      simulatorOrigin: string;
      simulatorControlHeaders: Record<string, string>;
    };
    const response = await fetch(`${info.simulatorOrigin}/__sim${path}`, {
      method,
      headers: info.simulatorControlHeaders,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`simulator ${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return { url: running.url, harness, sim };
}

/** The Training simulator has one site; a second one, "North Gate", is registered through the desk. */
async function twoSites(page: Page): Promise<[Site, Site]> {
  await expect.poll(async () => (await deskState(page)).allSites.length, { timeout: 15_000 }).toBeGreaterThan(0);
  if ((await deskState(page)).allSites.length < 2) {
    const created = await invoke(page, 'sites.create', {
      externalReferenceId: 'NORTH-GATE',
      name: 'North Gate',
      latitude: -26.2,
      longitude: 28.05,
    });
    expect(created.ok).toBe(true);
  }
  const [first, second] = (await deskState(page)).allSites;
  if (!first || !second) throw new Error('no second site');
  return [first, second];
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'panic-desk-i24-monitor-e2e-'));
});

test.afterAll(async () => {
  for (const harness of harnesses) await harness.close();
  rmSync(dir, { recursive: true, force: true });
});

test('monitor: no PANIC anywhere, a callout raised elsewhere on screen within 10 s, no raise through any command', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const monitor = await harnessWith(PORT + 100, 'monitor', { role: 'monitor' });
  await page.goto(monitor.url);
  await expect(page.getByRole('heading', { name: /^Monitor — every site/ })).toBeVisible();
  await expect(page.getByText('No open callout at AURA')).toBeVisible();
  expect((await deskState(page)).policy.role).toBe('monitor');
  const [first, second] = await twoSites(page);

  // No PANIC button in any view (Alt+1 … Alt+6).
  for (let view = 1; view <= 6; view++) {
    await page.keyboard.press(`Alt+${view}`);
    await expect(page.getByRole('button', { name: /^Panic:/ })).toHaveCount(0);
  }
  await page.keyboard.press('Alt+1');

  // Raised at AURA by someone else: on the monitor within 10 s (a cycle every 5 s at most).
  const raisedAt = Date.now();
  const one = (await monitor.sim('POST', '/callouts', { externalReferenceId: first.id })) as { id: number };
  const region = page.getByRole('region', { name: `Callout for ${first.name}` });
  await expect(region).toBeVisible({ timeout: 10_000 });
  await expect(region.locator('.callout-stage')).toHaveText('ALARM RECEIVED — finding a responder');
  const seenAfterMs = Date.now() - raisedAt;
  expect(seenAfterMs).toBeLessThan(10_000);
  // Read-only: neither cancel nor message without monitorActions.
  await expect(region.getByRole('button', { name: 'Cancel callout' })).toHaveCount(0);
  await expect(region.getByRole('textbox')).toHaveCount(0);

  // A second callout, then the first moves: the newest stage change is on top.
  await monitor.sim('POST', '/callouts', { externalReferenceId: second.id });
  await expect(page.getByRole('region', { name: `Callout for ${second.name}` })).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.monitor-site').first()).toHaveText(second.name);
  await monitor.sim('POST', `/callouts/${one.id}/advance`, { step: 'dispatch' });
  await expect(region.locator('.callout-stage')).toHaveText(/^RESPONDER ON THE WAY/, { timeout: 10_000 });
  await expect(page.locator('.monitor-site').first()).toHaveText(first.name);
  await expect(page.getByText('2 open callouts at AURA')).toBeVisible();
  await shot(page, 'i24-monitor-01-board');
  await expectAccessible(page, 'the monitor board');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await shot(page, 'i24-monitor-02-wallboard-1080p');

  // No raise through any command: the bridge's panic.trigger and hotkey test are refused in core.
  const raise = await invoke(page, 'panic.trigger', { siteId: first.id });
  expect(raise.ok).toBe(false);
  expect(JSON.stringify(raise.error)).toContain('This desk is a monitor');
  expect((await invoke(page, 'hotkey.test', {})).ok).toBe(false);
  const after = await deskState(page);
  expect(after.presses).toEqual([]);
  // AURA holds the two callouts raised elsewhere, and nothing the monitor raised.
  expect(((await monitor.sim('GET', '/callouts')) as unknown[]).length).toBe(2);
});

test('colleague alerts: a silent notification for a callout raised elsewhere on a shown site, none for the desk’s own press', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const desk = await harnessWith(PORT + 101, 'colleague', { colleagueAlerts: 'silent' });
  await page.goto(desk.url);
  const [own, other] = await twoSites(page);

  // The desk's own press: it follows its callout, so its cycle runs every 5 s.
  await holdToConfirm(page, `Panic: ${own.name}`);
  await expect(page.getByRole('region', { name: `Callout for ${own.name}` })).toBeVisible({ timeout: 15_000 });

  await desk.sim('POST', '/callouts', { externalReferenceId: other.id });
  const words = `Callout at ${other.name} — raised by another desk`;
  await expect
    .poll(async () => (await desk.harness('notifications')) as Array<{ title: string; silent: boolean }>, {
      timeout: 20_000,
    })
    .toContainEqual(expect.objectContaining({ title: words, silent: true }));
  await expect(page.getByRole('region', { name: `Callout for ${other.name}` })).toContainText('raised elsewhere');
  const notes = (await desk.harness('notifications')) as Array<{ title: string }>;
  expect(notes.filter((n) => n.title.includes('raised by another desk'))).toEqual([
    expect.objectContaining({ title: words }),
  ]);
  expect(notes.some((n) => n.title.includes(own.name) && n.title.includes('another desk'))).toBe(false);
});
