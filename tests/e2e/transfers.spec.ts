import { expect, test } from './fixtures';
import { signInByApi } from './onboarding-helpers';

const WINGTIP = 'c2b20003-3d4e-4f60-9b7c-000000000003';
const LITWARE = { key: 'direct-litware', tenantId: 'ad5a6e7c-cf81-4293-9e45-5a6b7c8d9ea5', name: 'Litware Cloud' };

// Its own stack: the transfer moves subscriptions of the demo's Wingtip tenant, which other specs read.
test.use({ stackEnv: { E2E_STACK_NAME: 'transfers' } });

/**
 * The demo's Wingtip Toys (a tenant of the LATAM account through Adatum) also holds licences sold by
 * another partner (Litware, seeded through the emulator's control plane). The distributor's staff see them with
 * the path that applies, asks Litware through Partner Center to transfer them, sees the request
 * waiting, and once Litware accepts (the emulator's control plane, as Litware would in its Partner
 * Center) sees the transfer completed with the subscriptions and their end dates, now among its own.
 */
test('a transfer from another partner completes with the subscriptions and their end dates imported', async ({ page, emulator }) => {
  test.setTimeout(180_000);
  const seeded = await emulator.addPartnerSubscriptions(WINGTIP, {
    partner: LITWARE.key,
    subscriptions: [
      { catalogItemId: 'CFQ7TTC0LF8R:0001:CFQ7TTC0LF8RAV01', quantity: 6, termEndsAt: '2027-05-20' },
      { catalogItemId: 'CFQ7TTC0LKM9:0001:CFQ7TTC0LKM9AV01', quantity: 3, termEndsAt: '2027-02-11' },
    ],
  });
  await signInByApi(page, 'distributor@demo.test');
  const tree = (await (await page.request.get('/api/v1/companies/tree')).json()) as { nodes: { id: number; name: string }[] };
  const wingtip = tree.nodes.find((n) => /^Wingtip Toys/.test(n.name))!;

  await page.goto(`/companies/${wingtip.id}?tab=subscriptions`);
  const panel = page.getByTestId('transfer-panel');
  // The tab reads Partner Center (subscriptions and licences) first: slow on a loaded machine.
  await expect(panel.getByTestId('transfer-candidate-Office 365 E3')).toContainText('6', { timeout: 60_000 });
  await expect(panel.getByTestId('transfer-candidate-Office 365 E3').getByTestId('transfer-path')).toHaveText('Transfer');
  await expect(panel.getByTestId('transfer-candidate-Microsoft Defender for Business')).toContainText('Microsoft’s transfer applies');

  // Ask Litware: who it is and whom Microsoft notifies, then the confirmation of what happens.
  await panel.getByTestId('transfer-start').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('transfer-partner-tenant').fill(LITWARE.tenantId);
  await dialog.getByTestId('transfer-partner-name').fill(LITWARE.name);
  await dialog.getByTestId('transfer-customer-email').fill('ti@wingtiptoys.mx');
  await dialog.getByTestId('transfer-review').click();
  await expect(dialog.getByTestId('transfer-confirm-text')).toContainText('Litware Cloud');
  await dialog.getByTestId('transfer-send').click();
  await expect(dialog).toBeHidden();

  const transfers = (await (await page.request.get(`/api/v1/companies/${wingtip.id}/subscription-transfers`)).json()) as { transfers: { transferId: string }[] };
  const transferId = transfers.transfers[0]!.transferId;
  const request = panel.getByTestId(`transfer-${transferId}`);
  await expect(request.getByTestId('transfer-state')).toHaveText('Waiting for Litware Cloud to accept');

  // Litware accepts in its Partner Center; the status is read again on request.
  await emulator.acceptTransfer(WINGTIP, transferId);
  await request.getByTestId('transfer-refresh').click();
  await expect(request.getByTestId('transfer-state')).toContainText('Completed on');

  // The subscriptions brought in, with the end dates Litware's terms had.
  const e3 = request.getByTestId(`transfer-imported-${seeded.items[0]!.id}`);
  await expect(e3).toContainText('Office 365 E3');
  // (Shown in the browser's time zone: midnight UTC may be the evening before.)
  await expect(e3.getByTestId('transfer-imported-ends')).toHaveText(/^May (19|20), 2027$/);
  const defender = request.getByTestId(`transfer-imported-${seeded.items[1]!.id}`);
  await expect(defender.getByTestId('transfer-imported-ends')).toHaveText(/^Feb (10|11), 2027$/);

  // They are this partner's subscriptions now, listed with the rest; nothing is held elsewhere any more.
  const ours = page.getByTestId('subscriptions-table').locator('tbody tr');
  await expect(ours.filter({ hasText: 'Office 365 E3' })).toHaveCount(1);
  await expect(ours.filter({ hasText: 'Microsoft Defender for Business' })).toHaveCount(1);
  await expect(panel.getByText('This tenant holds no licences through other partners.')).toBeVisible();
});
