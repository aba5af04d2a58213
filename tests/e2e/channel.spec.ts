import { expect, test } from './fixtures';
import { signIn } from './sign-in';

test('a reseller finds a customer, fixes its missing postal code, sees the checklist turn green and the change in the audit log', async ({ page }) => {
  await signIn(page, 'reseller@demo.test');
  await expect(page.getByTestId('signed-in-company')).toContainText('Relecloud Iberia');

  await page.getByRole('textbox', { name: 'Search companies' }).fill('graphic');
  await page.getByRole('navigation', { name: 'Companies' }).getByRole('link', { name: /Graphic Design Institute/ }).click();
  const crumbs = page.getByTestId('breadcrumbs');
  await expect(crumbs).toContainText('Relecloud Iberia');
  await expect(crumbs).toContainText(/Graphic Design Institute \(\d+\)/);

  await expect(page.getByTestId('ready-state')).toHaveText('Not ready yet');
  await expect(page.getByTestId('prereq-billingAddress')).toContainText('The billing postal code is missing.');

  await page.getByRole('tab', { name: 'Billing' }).click();
  await page.getByRole('button', { name: 'Edit Billing postal code' }).click();
  const postalCode = page.getByRole('textbox', { name: 'Billing postal code' });
  await postalCode.fill('2801');
  await expect(page.getByText('This is not a postal code of this country; it looks like 28001.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
  await postalCode.fill('28013');
  await postalCode.press('Enter');

  await expect(page.getByTestId('ready-state')).toHaveText('Ready');
  await expect(page.getByTestId('prereq-billingAddress')).toHaveAttribute('data-ok', 'true');

  await page.getByRole('tab', { name: 'Audit log' }).click();
  const audit = page.getByTestId('audit-table');
  await expect(audit).toContainText('Changed billingPostalCode of Graphic Design Institute');
  await expect(audit).toContainText('reseller@demo.test');
  await expect(audit).toContainText('"28013"');
});

test("a reseller's tree holds only its own customers; search finds by numeric id and domain", async ({ page }) => {
  await signIn(page, 'reseller@demo.test');
  const search = page.getByRole('textbox', { name: 'Search companies' });
  const tree = page.getByRole('navigation', { name: 'Companies' });
  await search.fill('wingtip');
  await expect(page.getByText('No company matches “wingtip”.')).toBeVisible();
  await search.fill('humongousinsurance.es');
  const link = tree.getByRole('link', { name: /Humongous Insurance/ });
  await expect(link).toBeVisible();
  const id = /(\d{6})/.exec((await link.textContent()) ?? '')![1]!;
  await search.fill(id);
  await expect(tree.getByRole('link', { name: /Humongous Insurance/ })).toBeVisible();
  await page.goto('/companies/100001');
  await expect(page.getByText('Company not found')).toBeVisible();
});

test('the distributor tests a Partner Center connection against the embedded emulator', async ({ page }) => {
  await signIn(page, 'distributor@demo.test');
  await page.getByRole('link', { name: 'Partner Center connections' }).click();
  const card = page.getByTestId('connection-Contoso LATAM (indirect)');
  await expect(card).toContainText('stored');
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByTestId('test-result')).toContainText('Everything works', { timeout: 20_000 });
  await expect(card.getByTestId('test-result')).toContainText('indirect reseller(s) in the network');
});

test('the company page speaks Spanish', async ({ page }) => {
  await signIn(page, 'customer@demo.test');
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Español' }).click();
  await page.getByRole('navigation', { name: 'Empresas' }).getByRole('link', { name: /Humongous Insurance/ }).click();
  await expect(page.getByRole('tab', { name: 'Facturación' })).toBeVisible();
  await expect(page.getByText('Listo para aprovisionar', { exact: true })).toBeVisible();
  await expect(page.getByText('Datos de la empresa')).toBeVisible();
});

test('the home page lists the customers that are not ready yet, and "/" jumps to the company search', async ({ page }) => {
  await signIn(page, 'distributor@demo.test');
  const summary = page.getByTestId('channel-summary');
  await expect(summary).toContainText('ready to provision');
  await expect(summary.getByRole('link', { name: /Bellows College/ })).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByRole('textbox', { name: 'Search companies' })).toBeFocused();
});

test('when the session ends, the next click brings back the sign-in page', async ({ page }) => {
  await signIn(page, 'customer@demo.test');
  await page.context().clearCookies();
  // A background read (the tree, the home page's figures) may meet the ended session first and bring
  // back the sign-in page before the click; either way the person lands on sign-in, not on an error.
  await page
    .getByRole('navigation', { name: 'Companies' })
    .getByRole('link', { name: /Humongous Insurance/ })
    .click({ timeout: 10_000 })
    .catch(() => undefined);
  await expect(page.getByRole('heading', { name: 'Sign in to CSP Hub' })).toBeVisible();
  await expect(page.getByText(/Something went wrong|HTTP 401/)).toHaveCount(0);
});
