import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { closeEverything, deskState, expectAccessible, holdToConfirm, invoke, shot } from './support';

test.afterEach(async ({ page }) => {
  await closeEverything(page);
  // Leave the desk showing every site, and no site of ours behind.
  await invoke(page, 'sites.choose', { shownSiteIds: null });
  for (const ref of ['E2E-GATE-7', 'E2E-ORDER-A']) await invoke(page, 'sites.delete', { siteId: ref });
});

async function openSites(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Sites' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sites' })).toBeVisible();
}

test('register, edit and delete a Fixed Location; delete is refused while its callout is active', async ({ page }) => {
  await openSites(page);
  await expect(page.getByText(/last synced \d\d:\d\d:\d\d/)).toBeVisible();
  await page.getByRole('button', { name: 'Sync with AURA' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'site_9944' })).toBeVisible();
  await shot(page, 'sites-01-list');
  await expectAccessible(page, 'Sites');

  // Register, with a mistake caught before anything is sent.
  const before = (await deskState(page)).allSites.length;
  await page.getByRole('button', { name: 'Register a site' }).click();
  const form = page.getByRole('dialog', { name: 'Register a site' });
  await form.getByLabel('Reference (externalReferenceId)').fill('E2E-GATE-7');
  await form.getByLabel('Name', { exact: true }).fill('Gate 7 Guardhouse');
  await form.getByLabel('Description').fill('North entrance, night shift');
  await form.getByLabel('Address').fill('7 Harbour Road, Cape Town');
  await form.getByLabel('Latitude').fill('95');
  await form.getByLabel('Longitude').fill('18.4241');
  await form.getByRole('button', { name: 'Register site' }).click();
  await expect(form.getByText('Latitude is between -90 and 90')).toBeVisible();
  await expect(form.getByLabel('Latitude')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'sites-02-register-invalid');
  await expectAccessible(page, 'the site form with an error');
  expect((await deskState(page)).allSites.length).toBe(before);

  await form.getByLabel('Latitude').fill('-33.9249');
  await form.getByRole('button', { name: 'Register site' }).click();
  // Cape Town is far from the client's other site (Johannesburg): warned once, saved when sent again.
  await expect(form.locator('.coordinate-warning')).toContainText('more than 50 km from every other site');
  await form.getByRole('button', { name: 'Register site' }).click();
  await expect(form).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: 'E2E-GATE-7' });
  await expect(row).toContainText('Gate 7 Guardhouse');
  await expect(row).toContainText('-33.9249, 18.4241');

  // Edit: the reference stays, the rest can change.
  await page.getByRole('button', { name: 'Edit Gate 7 Guardhouse' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Gate 7 Guardhouse' });
  await expect(edit.getByLabel('Reference (externalReferenceId)')).toHaveAttribute('readonly', '');
  await expect(edit.getByLabel('Address')).toHaveValue('7 Harbour Road, Cape Town');
  await edit.getByLabel('Name', { exact: true }).fill('Gate 7 North Guardhouse');
  await edit.getByLabel('Longitude').fill('18.5');
  await edit.getByRole('button', { name: 'Save site' }).click();
  await expect(edit.locator('.coordinate-warning')).toContainText('more than 50 km from every other site');
  await edit.getByRole('button', { name: 'Save site' }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText('Gate 7 North Guardhouse');
  await expect(row).toContainText('-33.9249, 18.5');

  // The new site has its own panic button on the desk; raise a callout there.
  await page.getByRole('button', { name: 'Desk' }).click();
  await holdToConfirm(page, 'Panic: Gate 7 North Guardhouse');
  await expect(
    page.getByRole('region', { name: 'Callout for Gate 7 North Guardhouse' }).locator('.callout-stage'),
  ).toHaveText('ALARM RECEIVED — finding a responder');

  // Delete asks first, and is refused while that callout is active.
  await page.getByRole('button', { name: 'Sites' }).click();
  await page.getByRole('button', { name: 'Delete Gate 7 North Guardhouse' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Gate 7 North Guardhouse?' });
  await confirm.getByRole('button', { name: 'Delete site' }).click();
  await expect(confirm.getByRole('alert')).toContainText('Not deleted');
  await shot(page, 'sites-03-delete-refused');
  await confirm.getByRole('button', { name: 'Keep site' }).click();
  await expect(row).toBeVisible();

  // Once closed, it can go.
  await closeEverything(page);
  await page.getByRole('button', { name: 'Delete Gate 7 North Guardhouse' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete site' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row).toHaveCount(0);
  expect((await deskState(page)).allSites.some((s) => s.id === 'E2E-GATE-7')).toBe(false);
});

test('choose which sites the desk shows and in which order', async ({ page }) => {
  await openSites(page);
  const created = await invoke(page, 'sites.create', {
    externalReferenceId: 'E2E-ORDER-A',
    name: 'Loading Bay',
    latitude: -26.2,
    longitude: 28.05,
  });
  expect(created.ok).toBe(true);
  const desk = page.getByRole('list', { name: 'Sites' });
  const order = page.getByRole('list', { name: 'Order on this desk' });
  await expect(order.getByRole('listitem')).toHaveText([/Downtown Branch/, /Loading Bay/]);

  await page.getByRole('button', { name: 'Move Loading Bay up' }).click();
  await expect(order.getByRole('listitem')).toHaveText([/Loading Bay/, /Downtown Branch/]);
  await page.getByRole('button', { name: 'Desk' }).click();
  await expect(desk.getByRole('heading', { level: 2 })).toHaveText(['Loading Bay', 'Downtown Branch']);

  await page.getByRole('button', { name: 'Sites' }).click();
  await page.getByRole('checkbox', { name: 'Show Loading Bay on this desk' }).uncheck();
  await expect(order.getByRole('listitem')).toHaveText([/Downtown Branch/]);
  await shot(page, 'sites-04-chosen');
  await page.getByRole('button', { name: 'Desk' }).click();
  await expect(page.getByRole('button', { name: 'Panic: Loading Bay' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Panic: Downtown Branch' })).toBeVisible();
});

test('with many sites a filter keeps the desk usable, and never hides a site with a callout', async ({ page }) => {
  await page.goto('/');
  const refs = Array.from({ length: 8 }, (_, i) => `E2E-MANY-${i + 1}`);
  try {
    for (const [i, ref] of refs.entries()) {
      const created = await invoke(page, 'sites.create', {
        externalReferenceId: ref,
        name: `${i % 2 ? 'Warehouse' : 'Clinic'} ${i + 1}`,
        latitude: -26 - i / 100,
        longitude: 28 + i / 100,
      });
      expect(created.ok).toBe(true);
    }
    const grid = page.getByRole('list', { name: 'Sites' });
    await expect(grid.getByRole('heading', { level: 2 })).toHaveCount(9);
    await holdToConfirm(page, 'Panic: Clinic 1');
    await expect(page.getByRole('region', { name: 'Callout for Clinic 1' }).locator('.callout-stage')).toHaveText(
      'ALARM RECEIVED — finding a responder',
    );

    await page.getByRole('searchbox', { name: 'Filter sites' }).fill('warehouse');
    // The four warehouses, and Clinic 1 because its callout is underway.
    await expect(grid.getByRole('heading', { level: 2 })).toHaveText([
      'Clinic 1',
      'Warehouse 2',
      'Warehouse 4',
      'Warehouse 6',
      'Warehouse 8',
    ]);
    await expect(page.getByText('5 of 9 sites')).toBeVisible();
    await shot(page, 'sites-05-desk-filtered');
    await page.getByRole('searchbox', { name: 'Filter sites' }).fill('no such site');
    await expect(grid.getByRole('heading', { level: 2 })).toHaveText(['Clinic 1']);
  } finally {
    await closeEverything(page);
    for (const ref of refs) await invoke(page, 'sites.delete', { siteId: ref });
  }
});
