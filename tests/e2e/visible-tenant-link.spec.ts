import { expect, test } from './fixtures';
import { createReadyCustomer, signInByApi, startWizard } from './onboarding-helpers';

const WINGTIP_TENANT = 'c2b20003-3d4e-4f60-9b7c-000000000003';

type SyncOptions = { items: { connection: { id: string; name: string }; tenantId: string | null }[] };

/**
 * A prefix taken by a tenant the Partner Center account already serves (the demo's wingtiptoysmx, a
 * customer of the LATAM account through Adatum, linked to Wingtip Toys SA de CV) is offered as
 * "Link … to this account" to a distributor admin, and the press links it: as the tenant is
 * held by another account of the caller's subtree, the button first asks to confirm the move, and
 * the confirmation links it; the wizard continues verified on the existing-tenant path. The link is
 * moved back at the end, so the demo stays as the other specs expect it.
 */
test('a visible tenant is linked from the domain check in one press, a move after confirming', async ({ page }) => {
  test.setTimeout(180_000);
  const { csrfToken } = await signInByApi(page, 'distributor@demo.test');
  const tree = (await (await page.request.get('/api/v1/companies/tree')).json()) as { nodes: { id: number; name: string }[] };
  const adatum = tree.nodes.find((n) => /^Adatum/.test(n.name))!;
  const wingtip = tree.nodes.find((n) => /^Wingtip Toys/.test(n.name))!;
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: adatum.id, name: 'Wingtip Toys Online', country: 'MX' });
  const tenantOf = async (companyId: number) => ((await (await page.request.get(`/api/v1/companies/${companyId}/sync-options`)).json()) as SyncOptions).items.map((o) => o.tenantId);
  expect(await tenantOf(customer.id)).not.toContain(WINGTIP_TENANT);
  expect(await tenantOf(wingtip.id)).toContain(WINGTIP_TENANT);

  try {
    await startWizard(page, customer.id);
    await expect(page.getByRole('combobox', { name: 'Partner Center connection' })).toHaveValue(/LATAM/);
    await page.getByTestId('domain-prefix').fill('wingtiptoysmx');
    const taken = page.getByTestId('domain-taken');
    await expect(taken).toContainText('wingtiptoysmx.onmicrosoft.com is a tenant this Partner Center account already serves');
    await taken.getByTestId('link-visible-tenant').click();
    // Held by Wingtip Toys SA de CV: the move is confirmed in the same place, and nothing moved before.
    await expect(taken.getByTestId('visible-tenant-confirm')).toContainText('Wingtip Toys SA de CV');
    expect(await tenantOf(customer.id)).not.toContain(WINGTIP_TENANT);
    await taken.getByTestId('visible-tenant-confirm-move').click();

    const panel = page.getByTestId('existing-tenant-panel');
    await expect(panel.getByTestId('authorization-verified')).toContainText('wingtiptoysmx.onmicrosoft.com');
    await expect(page.getByRole('checkbox', { name: /already uses Microsoft 365 and owns this domain/ })).toBeChecked();
    expect(await tenantOf(customer.id)).toContain(WINGTIP_TENANT);
    expect(await tenantOf(wingtip.id)).not.toContain(WINGTIP_TENANT);
    const audit = (await (await page.request.get(`/api/v1/audit-log?companyId=${customer.id}&action=tenant_authorization.accepted`)).json()) as { items: unknown[] };
    expect(audit.items).toHaveLength(1);
  } finally {
    // Back to Wingtip Toys SA de CV, through the same route.
    const options = (await (await page.request.get(`/api/v1/companies/${wingtip.id}/sync-options`)).json()) as SyncOptions;
    const latam = options.items.find((o) => /LATAM/.test(o.connection.name))!.connection.id;
    const back = await page.request.post(`/api/v1/companies/${wingtip.id}/existing-tenant/link-visible`, { headers: { 'x-csrf-token': csrfToken }, data: { connectionId: latam, domain: 'wingtiptoysmx', confirmRelink: true } });
    expect(back.status(), await back.text()).toBe(200);
    expect(await tenantOf(wingtip.id)).toContain(WINGTIP_TENANT);
  }
});
