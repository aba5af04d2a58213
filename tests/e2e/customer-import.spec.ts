import { expect, test } from './fixtures';
import { signIn } from './sign-in';

const M365 = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';
// Adatum Soluciones' Partner Location ID in the emulator's default scenario (the demo's Adatum).
const ADATUM_PLA = '6100001';
const address = { addressLine1: 'Av. Reforma 10', city: 'Ciudad de México', postalCode: '06600', country: 'MX', firstName: 'Ana', lastName: 'Ruiz' };

/**
 * The import of an existing base (docs/CUSTOMER-IMPORT.md): customers the demo's LATAM account has
 * in Partner Center and CSP Hub does not know (seeded in the emulator as a person would have them
 * there), read, reviewed, one conflict resolved, imported, and found in the tree under their reseller.
 */
test('a distributor imports the existing customers of a connection, resolves a conflict, and finds them in the tree under their resellers', async ({ page, emulator }) => {
  test.setTimeout(180_000);
  const sfx = Date.now().toString(36);
  const customer = (name: string, extra: object) => ({ companyName: `${name} ${sfx}`, domainPrefix: `${name.replace(/\W/g, '').toLowerCase()}${sfx}`, email: `it@${sfx}.example`, address, ...extra });
  await emulator.bulkAddCustomers({
    partner: 'distributor-latam',
    customers: [
      customer('Imported Adatum One', { reseller: 'adatum', subscriptions: [{ catalogItemId: M365, quantity: 3, partnerOfRecord: ADATUM_PLA }] }),
      customer('Imported Adatum Two', { reseller: 'adatum', subscriptions: [{ catalogItemId: M365, quantity: 5, partnerOfRecord: ADATUM_PLA }] }),
      customer('Imported Direct', { subscriptions: [{ catalogItemId: M365, quantity: 2 }] }),
      customer('Imported Unknown', { subscriptions: [{ catalogItemId: M365, quantity: 1, partnerOfRecord: '9999999' }] }),
    ],
  });

  await signIn(page, 'distributor@demo.test');
  await page.goto('/connections');
  await page.locator('.mantine-Card-root', { hasText: 'Contoso LATAM (indirect)' }).getByRole('link', { name: 'Import customers' }).click();
  const screen = page.getByTestId('customer-import');
  await expect(screen).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /Read (customers from Partner Center|again)/ }).click();
  await expect(screen).toHaveAttribute('data-state', 'review', { timeout: 60_000 });
  await expect(page.getByTestId('import-count-conflicts')).toBeVisible();
  await expect(page.getByTestId('import-per-parent')).toContainText('Adatum Soluciones');

  // The searchable list: what will happen to each of the four.
  await page.locator('.mantine-SegmentedControl-label', { hasText: /^All$/ }).click();
  await page.getByRole('textbox', { name: 'Search by name, domain or tenant id' }).fill(sfx);
  const rows = page.getByTestId('import-items').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: 'Imported Adatum One' })).toContainText('New company under Adatum Soluciones');
  await expect(rows.filter({ hasText: 'Imported Direct' })).toContainText('New direct customer of Contoso Distribution');
  const unknown = rows.filter({ hasText: 'Imported Unknown' });
  await expect(unknown).toContainText('Needs a decision');
  await expect(unknown).toContainText('A reseller that is not in your network (9999999)');

  // Resolve the conflict with the keyboard: open the choice, pick "New direct customer".
  const choice = page.getByRole('combobox', { name: `Decision for Imported Unknown ${sfx}` });
  await choice.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: 'New direct customer of Contoso Distribution' }).click();
  await expect(unknown).toContainText('New direct customer of Contoso Distribution');

  await page.getByTestId('import-apply').click();
  await expect(screen).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('import-progress')).toContainText(/companies created/);
  await expect(page.getByTestId('import-report').getByRole('link', { name: 'Download the report (CSV)' })).toHaveAttribute('href', /report\.csv$/);
  await expect(rows.filter({ hasText: 'Imported Adatum One' })).toContainText('Imported');

  // The tree: each new company under its reseller (the search shows its ancestors).
  const search = page.getByRole('textbox', { name: 'Search companies' });
  const tree = page.getByRole('navigation', { name: 'Companies' });
  for (const [name, under] of [['Imported Adatum One', 'Adatum Soluciones'], ['Imported Adatum Two', 'Adatum Soluciones'], ['Imported Unknown', 'Contoso Distribution']] as const) {
    await search.fill(`${name} ${sfx}`);
    const link = tree.getByRole('link', { name: new RegExp(`${name} ${sfx}`) });
    await expect(link).toHaveCount(1, { timeout: 15_000 });
    await expect(link).toContainText(under);
  }
});
