import { expect, test } from './fixtures';
import { createReadyCustomer, orderNewTenant, ownCompanyId, pickProduct, signInByApi } from './onboarding-helpers';
import { DEMO_PASSWORD } from './sign-in';

const CART = [
  { catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01', productId: 'CFQ7TTC0LH18', skuId: '0001', search: 'business basic', title: 'Microsoft 365 Business Basic', quantity: 10 },
  { catalogItemId: 'CFQ7TTC0LH16:0001:CFQ7TTC0LH16AV01', productId: 'CFQ7TTC0LH16', skuId: '0001', search: 'exchange online', title: 'Exchange Online (Plan 1)', quantity: 4 },
  { catalogItemId: 'CFQ7TTC0LKM9:0001:CFQ7TTC0LKM9AV01', productId: 'CFQ7TTC0LKM9', skuId: '0001', search: 'defender for business', title: 'Microsoft Defender for Business', quantity: 3 },
];

type Wire = { currency: string; amount: string };
type PriceLine = { productId: string; skuId: string; termDuration: string; billingPlan: string; distributorCost?: Wire; resellerCost?: Wire; customerPrice?: Wire };

/** Euros as the page writes them in en-US (Intl, like the app). */
const eur = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).format(minor / 100);
const minorOf = (w: Wire) => Math.round(Number(w.amount) * 100);

// The emulator's clock moves a year on here: a stack of its own, so no other spec sees it.
test.use({ stackEnv: { E2E_STACK_NAME: 'prices-cart' } });

/**
 * Prices and the cart in real Chromium: the distributor sells to resellers at a margin, the reseller
 * sells to its customer at another; the reseller sees its cost and its customer's price in the
 * catalog (never the distributor's), orders a cart of three lines, sees each line's price and the
 * total, and the order fulfilled with the same total frozen on it. One order reaches the emulator.
 * Then the end of term: one subscription set to cancel at term end, another to renew with more seats;
 * the emulator's clock moves past the end, and the first is cancelled, the second renewed with them.
 */
test('a reseller sees its cost and its customer price, orders a cart of three lines, sees the total and the order fulfilled, then chooses each end of term', async ({ page, request, emulator }) => {
  test.setTimeout(300_000);
  await emulator.updateSettings({ orderFulfilmentDelaySeconds: 4 });
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Coho Winery Iberia', country: 'ES', language: 'en' });

  // The distributor's margin to every reseller (10 %), through the API as the distributor.
  const dist = await request.post('/api/v1/auth/login', { data: { email: 'distributor@demo.test', password: DEMO_PASSWORD } });
  const distCsrf = ((await dist.json()) as { csrfToken: string }).csrfToken;
  const root = await ownCompanyId(request);
  const distRule = await request.post(`/api/v1/companies/${root}/price-rules`, { headers: { 'x-csrf-token': distCsrf }, data: { currency: 'EUR', validFrom: '2020-01-01', kind: 'margin', basisPoints: 1000 } });
  expect(distRule.status(), await distRule.text()).toBe(201);
  // The reseller's price to this customer: 25 % over Microsoft's price.
  const own = await page.request.post(`/api/v1/companies/${reseller}/price-rules`, { headers: { 'x-csrf-token': csrfToken }, data: { buyerCompanyId: customer.id, currency: 'EUR', validFrom: '2020-01-01', kind: 'margin', basisPoints: 2500 } });
  expect(own.status(), await own.text()).toBe(201);

  const prefix = `cohowinery${Date.now() % 1_000_000}`;
  await orderNewTenant(page, emulator, customer.id, prefix);
  await expect(page.getByTestId('run-provision-tenant').getByTestId('run-state')).toHaveText('Synced', { timeout: 90_000 });

  // What the API says the reseller sees, to compare the page with.
  const prices = (await (await page.request.get(`/api/v1/companies/${customer.id}/prices`)).json()) as { lines: PriceLine[] };
  const unit = CART.map((l) => prices.lines.find((p) => p.productId === l.productId && p.skuId === l.skuId && p.termDuration === 'P1Y' && p.billingPlan === 'monthly')!);
  for (const u of unit) {
    expect(u.distributorCost).toBeUndefined();
    expect(minorOf(u.customerPrice!)).toBeGreaterThan(minorOf(u.resellerCost!));
  }

  await page.goto(`/companies/${customer.id}?tab=orders`);
  await page.getByTestId('new-order').click();
  const dialog = page.getByRole('dialog');
  for (const [i, line] of CART.entries()) {
    await dialog.getByTestId('catalog-search').fill(line.search);
    const sku = dialog.getByTestId(`sku-${line.catalogItemId}`);
    // The catalog shows the reseller's cost and the customer's price, never the distributor's.
    await expect(sku.getByTestId('sku-price-resellerCost')).toHaveText(`Reseller cost: ${eur(minorOf(unit[i]!.resellerCost!))} per month`);
    await expect(sku.getByTestId('sku-price-customerPrice')).toHaveText(`Customer price: ${eur(minorOf(unit[i]!.customerPrice!))} per month`);
    await expect(sku.getByTestId('sku-price-distributorCost')).toHaveCount(0);
    await pickProduct(dialog, line.catalogItemId);
    const row = dialog.getByTestId(`order-line-${i}`);
    await expect(row).toContainText(line.title);
    await row.getByTestId('order-quantity').fill(String(line.quantity));
    await expect(row.getByTestId('order-line-total-customerPrice')).toHaveText(`Customer price: ${eur(minorOf(unit[i]!.customerPrice!) * line.quantity)} per month`);
  }
  const totalCost = CART.reduce((sum, l, i) => sum + minorOf(unit[i]!.resellerCost!) * l.quantity, 0);
  const totalPrice = CART.reduce((sum, l, i) => sum + minorOf(unit[i]!.customerPrice!) * l.quantity, 0);
  await expect(dialog.getByTestId('order-total-resellerCost')).toHaveText(`Reseller cost: ${eur(totalCost)} per month`);
  await expect(dialog.getByTestId('order-total-customerPrice')).toHaveText(`Customer price: ${eur(totalPrice)} per month`);
  await dialog.getByTestId('order-attest').check();
  await dialog.getByTestId('order-submit').click();

  const row = page.getByTestId('orders-table').locator('tbody tr').first();
  for (const line of CART) await expect(row).toContainText(`${line.quantity} × ${line.title}`);
  await expect(row.getByTestId('order-total-customerPrice')).toHaveText(`Customer price: ${eur(totalPrice)} per month`);
  await expect(row.getByTestId('order-total-resellerCost')).toHaveText(`Reseller cost: ${eur(totalCost)} per month`);
  await expect(row.getByTestId('order-status')).toHaveText('Fulfilled', { timeout: 90_000 });

  // One Partner Center order with the three lines.
  const reference = (await row.locator('td').first().textContent())!.trim();
  const ours = (await emulator.state()).orders.filter((o) => o.lines.some((l) => l.friendlyName?.includes(reference)));
  expect(ours).toHaveLength(1);
  expect(ours[0]!.lines.map((l) => [l.offerId, l.quantity])).toEqual(CART.map((l) => [l.catalogItemId, l.quantity]));

  // The end of term of two of the new subscriptions.
  await page.goto(`/companies/${customer.id}?tab=subscriptions`);
  const rowOf = (title: string) => page.getByTestId('subscriptions-table').locator('tbody tr').filter({ hasText: title }).first();
  await expect(rowOf(CART[0]!.title).getByTestId('subscription-end-of-term')).toContainText('Renews on');
  const choose = async (title: string, pick: (dialog: ReturnType<typeof page.getByRole>) => Promise<void>) => {
    await rowOf(title).getByRole('button', { name: 'Actions' }).click();
    await page.getByTestId('action-end-of-term').click();
    const dialog = page.getByRole('dialog');
    await pick(dialog);
    await dialog.getByTestId('renewal-save').click();
    await expect(dialog).toBeHidden();
  };
  await choose(CART[0]!.title, async (dialog) => {
    await dialog.getByTestId('eot-cancel').check();
  });
  await expect(rowOf(CART[0]!.title).getByTestId('subscription-end-of-term')).toContainText('Cancelled on');
  await choose(CART[1]!.title, async (dialog) => {
    await dialog.getByTestId('renewal-quantity').fill('6');
  });
  await expect(rowOf(CART[1]!.title).getByTestId('subscription-end-of-term')).toContainText('with 6 seats');

  // A year and a day later on the emulator's clock.
  await emulator.advanceClock({ duration: 'P366D' });
  await page.reload();
  // The tab shows the stored read ("As of ..."); the terms ended in Partner Center, outside CSP Hub: refresh.
  await page.getByTestId('subscriptions-refresh').click();
  await expect(rowOf(CART[0]!.title)).toContainText('Cancelled');
  await expect(rowOf(CART[1]!.title).getByTestId('subscription-quantity')).toHaveText('6');
  await expect(rowOf(CART[1]!.title)).toContainText('Active');
  await expect(rowOf(CART[1]!.title).getByTestId('subscription-end-of-term')).toContainText('Renews on');
});
