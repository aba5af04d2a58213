import { expect, test } from './fixtures';
import { createReadyCustomer, orderNewTenant, ownCompanyId, pickProduct, signInByApi } from './onboarding-helpers';

const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';
const PREMIUM = 'CFQ7TTC0LCHC:0002:CFQ7TTC0LCHCAV02';

/**
 * Checkout options in real Chromium: after a first subscription, the order dialog offers to end a
 * new one on the same day (co-terming) and says the promotion applies; the order keeps the date and
 * the new subscription ends with the first.
 */
test('a reseller aligns a new subscription with the customer’s existing one and sees the promotion it qualifies for', async ({ page, emulator }) => {
  test.setTimeout(300_000);
  await emulator.updateSettings({ orderFulfilmentDelaySeconds: 3 });
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Alpine Ski House Iberia', country: 'ES', language: 'en' });
  await orderNewTenant(page, emulator, customer.id, `alpineski${Date.now() % 1_000_000}`);
  await expect(page.getByTestId('run-provision-tenant').getByTestId('run-state')).toHaveText('Synced', { timeout: 90_000 });

  const order = async (search: string, catalogItemId: string, pickEnd?: () => Promise<void>) => {
    await page.goto(`/companies/${customer.id}?tab=orders`);
    await page.getByTestId('new-order').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('catalog-search').fill(search);
    await pickProduct(dialog, catalogItemId);
    await dialog.getByTestId('order-quantity').fill('5');
    if (pickEnd) await pickEnd();
    await dialog.getByTestId('order-attest').check();
    const rows = page.getByTestId('orders-table').locator('tbody tr');
    const before = await rows.count();
    await dialog.getByTestId('order-submit').click();
    // The new order's row (newest first), found again by its reference: the table refreshes while it is fulfilled.
    await expect(rows).toHaveCount(before + 1, { timeout: 30_000 });
    const reference = (await rows.first().locator('td').first().textContent())!.trim();
    const row = rows.filter({ hasText: reference });
    await expect(row.getByTestId('order-status')).toHaveText('Fulfilled', { timeout: 90_000 });
    return row;
  };
  /** The emulator's subscription bought by the order in `row` (its reference is in the line's friendly name). */
  const subscriptionOf = async (row: Awaited<ReturnType<typeof order>>) => {
    const reference = (await row.locator('td').first().textContent())!.trim();
    const state = await emulator.state();
    const placed = state.orders.find((o) => o.lines.some((l) => l.friendlyName?.includes(reference)))!;
    return state.subscriptions.find((s) => s.id === placed.lines[0]!.subscriptionId)!;
  };

  const basic = await subscriptionOf(await order('business basic', BASIC));

  const row = await order('business premium', PREMIUM, async () => {
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('order-promotion')).toContainText('Promotion applies');
    await dialog.getByTestId('order-term-end').click();
    await page.getByRole('option', { name: /with Microsoft 365 Business Basic/ }).click();
  });
  await expect(row.getByTestId('order-line-term-end')).toContainText('First term ends');
  const premium = await subscriptionOf(row);
  expect([premium.offerId, premium.customerTenantId, premium.commitmentEndAt]).toEqual([PREMIUM, basic.customerTenantId, basic.commitmentEndAt]);
});
