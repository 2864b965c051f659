// A desk of 31 sites for the issue-14 specs: Downtown Branch (the simulator's own) and 30 more
// registered through the desk, plus the clean-up that leaves the shared harness as it was.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { closeEverything, deskState, invoke } from './support';

const PLACES = ['North Gate', 'Reception', 'Loading Bay', 'Guardhouse', 'Car Park', 'Clinic'];
export const EXTRA = Array.from({ length: 30 }, (_, i) => ({
  ref: `I14-${String(i + 2).padStart(2, '0')}`,
  name: `Site ${i + 2} — ${PLACES[i % PLACES.length]}`,
}));
export const LAST = EXTRA[EXTRA.length - 1]!;

/** Registers the 30 extra sites (those not there yet) and shows every site on the desk. */
export async function thirtyOneSites(page: Page): Promise<void> {
  const known = new Set((await deskState(page)).allSites.map((s) => s.id));
  for (const [i, site] of EXTRA.entries()) {
    if (known.has(site.ref)) continue;
    const created = await invoke(page, 'sites.create', {
      externalReferenceId: site.ref,
      name: site.name,
      address: `${i + 2} Harbour Road, Cape Town`,
      latitude: -33.9 - i / 1000,
      longitude: 18.4 + i / 1000,
    });
    expect(created.ok, JSON.stringify(created.error)).toBe(true);
  }
  await invoke(page, 'sites.choose', { shownSiteIds: null });
  await expect.poll(async () => (await deskState(page)).sites.length).toBe(31);
}

/** Ends the practised outage, waits for every queued press to reach AURA, closes all, removes the extra sites. */
export async function cleanUpManySites(page: Page): Promise<void> {
  await invoke(page, 'training.fault', { fault: null });
  await expect
    .poll(async () => (await deskState(page)).presses.filter((p) => p.status !== 'sent' && !p.dismissed).length, {
      timeout: 40_000,
    })
    .toBe(0);
  await closeEverything(page);
  for (const site of EXTRA) await invoke(page, 'sites.delete', { siteId: site.ref });
  await invoke(page, 'sites.choose', { shownSiteIds: null });
  await invoke(page, 'settings.update', { controlRoomPhone: '', deskLayout: 'auto', compactFrom: 10 });
}
