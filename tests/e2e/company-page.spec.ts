import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signIn } from './sign-in';
import { createReadyCustomer, orderNewTenant, ownCompanyId, signInByApi } from './onboarding-helpers';

async function openCompany(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('textbox', { name: 'Search companies' }).fill(name.source.replace(/\\/g, ''));
  await page.getByRole('navigation', { name: 'Companies' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('deactivating a company with a live subscription asks first, says what it does, and can be undone', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'distributor@demo.test');
  await openCompany(page, /Wingtip Toys/);

  await page.getByRole('button', { name: 'Deactivate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate Wingtip Toys SA de CV?' });
  await expect(dialog).toBeVisible();
  const effects = dialog.getByTestId('deactivate-effects');
  await expect(effects).toContainText('Its 1 live subscription stays at Microsoft and keeps billing', { timeout: 20_000 });
  // Wingtip has no CSP Hub users of its own; the sentence says so.
  await expect(effects).toContainText('No one signs in to it.');
  await expect(effects).toContainText('No provisioning run is in progress.');
  await expect(effects).toContainText('Reactivate undoes this');
  // Nothing happened yet: cancelling leaves the company active.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText('Deactivated', { exact: true })).toHaveCount(0);

  // Confirm, then undo from the notification.
  await page.getByRole('button', { name: 'Deactivate' }).click();
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText('Deactivated', { exact: true })).toBeVisible();
  await expect(page.getByText('Wingtip Toys SA de CV is deactivated.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText('Wingtip Toys SA de CV is active again.')).toBeVisible();
  await expect(page.getByText('Deactivated', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Deactivate' })).toBeVisible();

  // Later, from the page: Reactivate after a reload (the notification is gone).
  await page.getByRole('button', { name: 'Deactivate' }).click();
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByText('Deactivated', { exact: true })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Reactivate' }).click();
  await expect(page.getByRole('button', { name: 'Deactivate' })).toBeVisible();
  await expect(page.getByText('Deactivated', { exact: true })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Audit log' }).click();
  const audit = page.getByTestId('audit-table');
  await expect(audit).toContainText('Deactivated Wingtip Toys SA de CV');
  await expect(audit).toContainText('Reactivated Wingtip Toys SA de CV');
});

test('after a successful Retry the service card shows the new sync status without a reload', async ({ page, emulator }) => {
  test.setTimeout(180_000);
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Tailspin Card Labs', country: 'US' });
  const prefix = `tailspincard${Date.now() % 1_000_000}`;
  await emulator.injectFault({
    route: 'POST /v1/customers/:id/agreements',
    status: 400,
    count: 1000,
    body: { code: 600008, description: 'The MCA attestation was refused (injected by the card test).', data: [], source: 'PartnerFD' },
  });
  try {
    await orderNewTenant(page, emulator, customer.id, prefix);
    const run = page.getByTestId('run-provision-tenant');
    await expect(run.getByTestId('run-state')).toHaveText('Needs attention', { timeout: 90_000 });
  } finally {
    await emulator.clearFaults();
  }
  // The company page's Available services tab: the service card and the run side by side.
  await page.goto(`/companies/${customer.id}?tab=services`);
  const failing = page.getByTestId(/^service-[0-9a-f-]{36}$/).filter({ has: page.getByTestId('service-failure') });
  await expect(failing.getByTestId('service-failure')).toContainText('refused');
  const card = page.getByTestId((await failing.getAttribute('data-testid'))!);
  await expect(card.getByText('Synced', { exact: true })).toHaveCount(0);

  await page.getByTestId('run-provision-tenant').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('run-provision-tenant').getByTestId('run-state')).toHaveText('Synced', { timeout: 90_000 });
  // The card follows the run: synced, the old reason gone, the tenant shown, all without a reload.
  await expect(card.getByText('Synced', { exact: true })).toBeVisible();
  await expect(card).not.toContainText('refused');
  await expect(card).toContainText(`${prefix}.onmicrosoft.com`);
});
