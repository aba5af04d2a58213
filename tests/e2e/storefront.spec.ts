import { expect, test } from './fixtures';
import { acceptMcaAsSignatory, createReadyCustomer, fillSignatory, ownCompanyId, signInByApi } from './onboarding-helpers';
import { signIn } from './sign-in';

/**
 * The storefront in real Chromium: a customer admin reaches the Store from the navigation by
 * keyboard, sets up its own Microsoft tenant there, then orders Microsoft 365 Business Basic from
 * the store's catalog and sees the order fulfilled; a reseller picks one of its customers in the
 * store; distributor staff have no Store entry.
 */
test('a customer admin opens the Store from the navigation, sets up its tenant there and orders Microsoft 365', async ({ page, emulator }) => {
  test.setTimeout(240_000);
  await emulator.updateSettings({ orderFulfilmentDelaySeconds: 3 });
  await signIn(page, 'customer@demo.test');

  const storeLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Store' });
  await storeLink.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/store$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Store' })).toBeVisible();
  await expect(page.getByText('Order Microsoft products for Humongous Insurance')).toBeVisible();

  // No tenant yet: the store opens on the tenant set-up, and Products says what to do first.
  const tenantTab = page.getByRole('tab', { name: 'Microsoft tenant' });
  await expect(tenantTab).toHaveAttribute('aria-selected', 'true');
  await tenantTab.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Products' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('store-no-tenant')).toContainText('Humongous Insurance has no Microsoft tenant linked yet');
  await page.getByRole('button', { name: 'Set up the Microsoft tenant' }).click();

  // The New service wizard, inside the store, for the customer's own company.
  await expect(page.getByRole('heading', { level: 2, name: 'Set up the Microsoft tenant' })).toBeVisible();
  await page.getByLabel('Search services').fill('tenant');
  await page.getByRole('radio', { name: /Microsoft tenant/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: /has accepted the Microsoft Customer Agreement/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  const prefix = `humongous${Date.now() % 1_000_000}`;
  await page.getByTestId('domain-prefix').fill(prefix);
  await expect(page.getByTestId('domain-result')).toHaveText(`${prefix}.onmicrosoft.com is available.`);
  await fillSignatory(page, `lucia.${prefix}@humongous.example`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await acceptMcaAsSignatory(emulator, `lucia.${prefix}@humongous.example`);
  await expect(page.getByTestId('run-provision-tenant').getByTestId('run-state')).toHaveText('Synced', { timeout: 90_000 });

  // Products: the catalog of the new tenant's connection; picking a plan opens the order form with it chosen.
  await page.getByRole('tab', { name: 'Products' }).click();
  const products = page.getByTestId('store-products');
  await expect(products).toContainText(`Microsoft tenant linked: ${prefix}.onmicrosoft.com`);
  // The category is Partner Center's product type, in the UI's language; no list price is invented (docs/PARTNER-CENTER-REFERENCE.md §8 has none).
  await expect(products.getByTestId('catalog-category').first()).toHaveText('Online services (new commerce licences)');
  await expect(products).not.toContainText('List price');
  await products.getByTestId('catalog-search').fill('business basic');
  await products.getByTestId('pick-CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Microsoft 365 Business Basic');
  await dialog.getByTestId('order-quantity').fill('3');
  await dialog.getByTestId('order-attest').check();
  await dialog.getByTestId('order-submit').click();
  await expect(dialog).toBeHidden();

  const row = products.getByTestId('orders-table').locator('tbody tr').first();
  await expect(row).toContainText('3 × Microsoft 365 Business Basic');
  await expect(row.getByTestId('order-status')).toHaveText('Fulfilled', { timeout: 60_000 });
});

test('a reseller picks one of its customers in the Store; distributor staff have no Store entry', async ({ page }) => {
  await signIn(page, 'reseller@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Store' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Store' })).toBeVisible();
  await expect(page.getByText('Choose a customer to see what it can order.')).toBeVisible();

  const customer = page.getByRole('combobox', { name: 'Customer' });
  await customer.fill('Munson');
  // The list answers what was typed (asked of the server), then the keyboard picks it.
  await expect(page.getByRole('option', { name: /^Munson's Pickles and Preserves \(\d+\)/ })).toBeVisible();
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/store\?company=\d+$/);
  await expect(page.getByRole('tab', { name: 'Microsoft tenant' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Products' }).click();
  await expect(page.getByTestId('store-no-tenant')).toContainText("Munson's Pickles and Preserves has no Microsoft tenant linked yet");

  // The choice is in the address: a reload keeps it.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Customer' })).toHaveValue(/^Munson's Pickles and Preserves \(\d+\)$/);

  await page.context().clearCookies();
  await signIn(page, 'distributor@demo.test');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Store' })).toHaveCount(0);
  await page.goto('/store');
  await expect(page.getByText('The store is for resellers and customer administrators.', { exact: false })).toBeVisible();
});

test('two customers of the same name are told apart in the Store picker by their numbers, and the one picked is the one opened', async ({ page }) => {
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const first = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Lamna Twin Foods', country: 'US' });
  const second = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Lamna Twin Foods', country: 'MX' });
  expect(first.id).not.toBe(second.id);

  await page.goto('/store');
  const customer = page.getByRole('combobox', { name: 'Customer' });
  await customer.fill('Lamna Twin');
  const options = page.getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toContainText(`Lamna Twin Foods (${Math.min(first.id, second.id)})`);
  await expect(options.nth(1)).toContainText(`Lamna Twin Foods (${Math.max(first.id, second.id)})`);
  await page.getByRole('option', { name: `Lamna Twin Foods (${second.id})` }).click();
  await expect(page).toHaveURL(new RegExp(`/store\\?company=${second.id}$`));
  await expect(customer).toHaveValue(`Lamna Twin Foods (${second.id})`);
});
