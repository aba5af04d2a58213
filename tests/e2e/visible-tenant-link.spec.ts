import { expect, test } from './fixtures';
import { createReadyCustomer, signInByApi, startWizard } from './onboarding-helpers';

const ALPINE_TENANT = 'c2b20004-3d4e-4f60-9b7c-000000000004';

/**
 * A prefix taken by a tenant the Partner Center account already serves (the emulator's Alpine Ski
 * House, a customer of the European account through Fourth Coffee, linked to no account here) is
 * offered as "Link … to this account" to a distributor admin, and that one press links it (C4): the
 * wizard continues verified on the existing-tenant path and the account holds the tenant.
 */
test('a visible tenant is linked in one press from the domain check (C4)', async ({ page }) => {
  test.setTimeout(180_000);
  const { csrfToken } = await signInByApi(page, 'distributor@demo.test');
  const tree = (await (await page.request.get('/api/v1/companies/tree')).json()) as { nodes: { id: number; name: string }[] };
  const fourthCoffee = tree.nodes.find((n) => /^Fourth Coffee/.test(n.name))!;
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: fourthCoffee.id, name: 'Alpine Ski House Iberia', country: 'ES' });
  const before = (await (await page.request.get(`/api/v1/companies/${customer.id}/sync-options`)).json()) as { items: { tenantId: string | null }[] };
  expect(before.items.every((o) => o.tenantId === null)).toBe(true);

  await startWizard(page, customer.id);
  await expect(page.getByRole('combobox', { name: 'Partner Center connection' })).toHaveValue(/Europe/);
  await page.getByTestId('domain-prefix').fill('alpineskihouse');
  const taken = page.getByTestId('domain-taken');
  await expect(taken).toContainText('alpineskihouse.onmicrosoft.com is a tenant this Partner Center account already serves');
  await taken.getByTestId('link-visible-tenant').click();

  // One press: linked, and the wizard is on the existing-tenant path with the tenant verified.
  const panel = page.getByTestId('existing-tenant-panel');
  await expect(panel.getByTestId('authorization-verified')).toContainText('alpineskihouse.onmicrosoft.com');
  await expect(page.getByRole('checkbox', { name: /already uses Microsoft 365 and owns this domain/ })).toBeChecked();
  const after = (await (await page.request.get(`/api/v1/companies/${customer.id}/sync-options`)).json()) as { items: { tenantId: string | null }[] };
  expect(after.items.map((o) => o.tenantId)).toContain(ALPINE_TENANT);
  const audit = (await (await page.request.get(`/api/v1/audit-log?companyId=${customer.id}&action=tenant_authorization.accepted`)).json()) as { items: { action: string }[] };
  expect(audit.items).toHaveLength(1);
});
