import { expect, test } from './fixtures';
import { acceptMcaAsSignatory, createReadyCustomer, fillSignatory, ownCompanyId, pickProduct, signInByApi, startWizard } from './onboarding-helpers';

/**
 * Orders and subscriptions in real Chromium: a reseller provisions a fresh tenant (the wizard), orders 10
 * seats of Microsoft 365 Business Basic, watches the order go from in progress to fulfilled (the
 * emulator's fulfilment delay shortened through its control plane), reduces to 8 seats inside the
 * 168-hour window, and after the emulator's clock moves 8 days sees the next reduction refused with
 * Microsoft's reason explained. Exactly one order reaches the emulator.
 */
test('reseller orders 10 seats for a fresh tenant, watches it fulfilled, reduces to 8, and is refused after 8 days', async ({ page, emulator }) => {
  test.setTimeout(240_000);
  await emulator.updateSettings({ orderFulfilmentDelaySeconds: 6 });
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Trey Lamps Iberia', country: 'ES', language: 'en' });

  // A freshly provisioned tenant, through the New service wizard.
  await startWizard(page, customer.id);
  const prefix = `treylamps${Date.now() % 1_000_000}`;
  await page.getByTestId('domain-prefix').fill(prefix);
  await expect(page.getByTestId('domain-result')).toHaveText(`${prefix}.onmicrosoft.com is available.`);
  await fillSignatory(page, `lucia.${prefix}@fabrikam.com`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await acceptMcaAsSignatory(emulator, `lucia.${prefix}@fabrikam.com`);
  await expect(page.getByTestId('run-provision-tenant').getByTestId('run-state')).toHaveText('Synced', { timeout: 90_000 });

  // The order: catalog > Business Basic, 10 seats, one year billed monthly, partner of record confirmed.
  await page.goto(`/companies/${customer.id}?tab=orders`);
  await page.getByTestId('new-order').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('catalog-search').fill('business basic');
  await pickProduct(dialog, 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01');
  await dialog.getByTestId('order-quantity').fill('10');
  await dialog.getByTestId('order-attest').check();
  await dialog.getByTestId('order-submit').click();

  const row = page.getByTestId('orders-table').locator('tbody tr').first();
  await expect(row).toContainText('10 × Microsoft 365 Business Basic');
  await expect(row.getByTestId('order-status')).toHaveText(/Submitted|In progress/);
  await expect(row.getByTestId('order-status')).toHaveText('In progress', { timeout: 20_000 });
  await expect(row.getByTestId('order-status')).toHaveText('Fulfilled', { timeout: 60_000 });
  const reference = (await row.locator('td').first().textContent())!.trim();
  const state = await emulator.state();
  const ours = state.orders.filter((o) => o.lines.some((l) => l.friendlyName?.includes(reference)));
  expect(ours).toHaveLength(1);
  expect(ours[0]!.lines[0]!.quantity).toBe(10);

  // Reduce to 8 inside the window: the time left is shown, the change goes through.
  await page.goto(`/companies/${customer.id}?tab=subscriptions`);
  const sub = page.getByTestId('subscriptions-table').locator('tbody tr').filter({ hasText: 'Business Basic' }).first();
  await expect(sub.getByTestId('subscription-quantity')).toHaveText('10');
  await expect(sub.getByTestId('subscription-window')).toContainText(/\d+ h left/);
  await sub.getByRole('button', { name: 'Actions' }).click();
  await page.getByTestId('action-change-seats').click();
  await page.getByTestId('seats-input').fill('8');
  await page.getByTestId('seats-save').click();
  await expect(sub.getByTestId('subscription-quantity')).toHaveText('8');

  // Eight days later (the emulator's clock), Microsoft refuses the next reduction, and the page says why.
  await emulator.advanceClock({ duration: 'P8D' });
  await page.reload();
  const after = page.getByTestId('subscriptions-table').locator('tbody tr').filter({ hasText: 'Business Basic' }).first();
  await after.getByRole('button', { name: 'Actions' }).click();
  await page.getByTestId('action-change-seats').click();
  await page.getByTestId('seats-input').fill('7');
  await page.getByTestId('seats-save').click();
  await expect(page.getByTestId('subscription-error')).toContainText('7-day (168-hour) window');
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.getByTestId('subscriptions-table').locator('tbody tr').filter({ hasText: 'Business Basic' }).first().getByTestId('subscription-quantity')).toHaveText('8');
});
