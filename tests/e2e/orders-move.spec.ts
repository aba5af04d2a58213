import { expect, test } from './fixtures';
import { createReadyCustomer, ownCompanyId, signInByApi } from './onboarding-helpers';

const TAILSPIN = 'c2b20002-3d4e-4f60-9b7c-000000000002';

/**
 * Moving from another partner against the emulator's seeded Tailspin Toys, whose
 * licenses were sold by another partner (Litware): the reseller links the tenant (existing-tenant
 * path, GDAP approved by the customer), sees the seats held elsewhere with purchased and assigned
 * counts, enters the old subscription's expiry and gets the near-expiry warning, orders the same
 * package with at least the current seats, and the guided path moves on to retiring the old one.
 */
test('reseller moves Tailspin Toys from another partner: current licenses, expiry warning, replacement order', async ({ page, emulator }) => {
  test.setTimeout(240_000);
  await emulator.updateSettings({ orderFulfilmentDelaySeconds: 4, gdapActivationDelaySeconds: 0 });
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const headers = { 'x-csrf-token': csrfToken };
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Tailspin Toys Europe', country: 'ES' });
  const createsBefore = (await emulator.counters())['customers.create'] ?? 0;

  // Link the existing tenant through the existing-tenant path (API), the customer accepting in the emulator.
  const options = (await (await page.request.get(`/api/v1/companies/${customer.id}/sync-options`)).json()) as { items: { connection: { id: string; name: string } }[] };
  const connectionId = options.items.find((o) => /Europe/.test(o.connection.name))!.connection.id;
  const opened = await page.request.post(`/api/v1/companies/${customer.id}/existing-tenant/authorization`, { headers, data: { connectionId } });
  expect(opened.status(), await opened.text()).toBe(200);
  await emulator.acceptRelationship({ partner: 'distributor-europe', customer: TAILSPIN, indirectReseller: 'relecloud' });
  const verified = await page.request.post(`/api/v1/companies/${customer.id}/existing-tenant/verify`, { headers, data: { connectionId, domain: 'tailspintoys.co.uk' } });
  expect(((await verified.json()) as { status: string }).status).toBe('verified');
  const checkout = await page.request.post(`/api/v1/companies/${customer.id}/existing-tenant/checkout`, { headers, data: { connectionId, requestGdap: true } });
  expect(checkout.status(), await checkout.text()).toBeLessThan(300);
  // The customer approves the GDAP request (needed to read the tenant's licenses).
  await expect(async () => {
    const state = await emulator.state();
    const pending = state.gdap.find((g) => g.customerTenantId === TAILSPIN && g.status === 'approvalPending');
    expect(pending, 'a GDAP request for Tailspin').toBeTruthy();
    await emulator.approveGdap(pending!.id);
  }).toPass({ timeout: 60_000 });

  // The move view: the seats held through the other partner, with purchased and assigned counts.
  await page.goto(`/companies/${customer.id}?tab=subscriptions`);
  const panel = page.getByTestId('move-panel');
  await expect(async () => {
    await page.reload();
    await expect(panel.getByTestId('move-Microsoft 365 Business Premium')).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  const premium = panel.getByTestId('move-Microsoft 365 Business Premium');
  await expect(premium.getByTestId('move-purchased')).toHaveText('25');
  await expect(panel.getByTestId('move-Exchange Online (Plan 1)').getByTestId('move-purchased')).toHaveText('10');
  await expect(premium.getByTestId('move-step')).toHaveText('Enter the expiry date');

  // The expiry read in the customer's admin center: 20 days away, so the warning shows.
  const expiry = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await premium.getByTestId('move-expiry-input').fill(expiry);
  await premium.getByTestId('move-expiry-save').click();
  await expect(premium.getByTestId('move-expiry-warning')).toContainText(/Expires in (19|20) days/);
  await expect(premium.getByTestId('move-step')).toHaveText('Order the replacement');

  // Order the same package with at least the current seats, before the expiry. Microsoft holds the
  // order until the emulator's clock passes its fulfilment time, so the in-progress page is seen for sure.
  await emulator.updateSettings({ orderFulfilmentDelaySeconds: 3600 });
  await premium.getByTestId('move-order').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('catalog-search').fill('business premium');
  // A click that lands while the catalog's section is still opening picks nothing: pick again, as a person would.
  const pick = dialog.getByTestId('pick-CFQ7TTC0LCHC:0002:CFQ7TTC0LCHCAV02');
  await expect(async () => {
    if ((await pick.getAttribute('aria-pressed')) !== 'true') await pick.click();
    await expect(dialog.getByTestId('order-quantity')).toHaveValue('25', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await dialog.getByTestId('order-attest').check();
  await dialog.getByTestId('order-submit').click();
  await expect(dialog).toBeHidden();

  // While Microsoft processes it, the page says the order is in progress (never "no subscriptions").
  const pending = page.getByTestId('subscriptions-order-pending');
  await expect(pending).toContainText('25 × Microsoft 365 Business Premium');
  await expect(page.getByText('No subscriptions through this connection.')).toHaveCount(0);
  await expect(premium.getByTestId('move-step')).toHaveText('Wait until the replacement is active next to the old one');
  // Checked out in Partner Center (the run records it as in progress): now let Microsoft fulfil it.
  await expect(pending).toContainText('In progress', { timeout: 30_000 });
  await emulator.advanceClock({ duration: 'PT2H' });

  // Fulfilled: the page reads the subscriptions and the move again by itself (no reload). Both
  // subscriptions exist side by side; the path moves on to retiring the old one.
  await expect(pending).toHaveCount(0, { timeout: 30_000 });
  const ours = page.getByTestId('subscriptions-table').locator('tbody tr').filter({ hasText: 'Business Premium' });
  await expect(ours.getByTestId('subscription-quantity')).toHaveText('25');
  await expect(premium.getByTestId('move-step')).toHaveText('Ask the other partner to cancel or not renew the old one');
  // An existing tenant: no tenant was created on the way.
  const counters = await emulator.counters();
  expect(counters['customers.create'] ?? 0).toBe(createsBefore);
});
