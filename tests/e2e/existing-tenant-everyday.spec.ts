import type { Browser } from '@playwright/test';
import { expect, test } from './fixtures';
import { createReadyCustomer, ownCompanyId, signInByApi, startWizard } from './onboarding-helpers';

const COHO_TENANT = 'c2b20005-3d4e-4f60-9b7c-000000000005';

/** The customer's Global Admin accepts the invitation on the emulator's admin page, in its own browser context. */
async function acceptAs(browser: Browser, link: string, tenantId: string): Promise<void> {
  const customerContext = await browser.newContext();
  const admin = await customerContext.newPage();
  await admin.goto(link);
  await admin.getByLabel('Signed in as').selectOption(tenantId);
  await admin.getByRole('button', { name: 'Accept' }).click();
  await expect(admin.getByRole('heading', { name: /Invitation accepted|Already accepted/ })).toBeVisible();
  await customerContext.close();
}

/**
 * A direct customer (no reseller) whose tenant already accepted the Microsoft Customer Agreement:
 * after Verify finds the MCA on record, the attestation is not asked for and Finish starts the run
 * (it used to build the attestation's date from the empty field and throw in the browser).
 */
test('existing tenant: Finish after Verify finds the MCA on record; the GDAP approval link is shown and mailed', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { csrfToken } = await signInByApi(page, 'distributor@demo.test');
  const distributor = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: distributor, name: 'Coho Winery Chile', country: 'CL', language: 'es' });

  await startWizard(page, customer.id);
  // A Chilean customer goes through the Latin American connection by default.
  await expect(page.getByRole('combobox', { name: 'Partner Center connection' })).toHaveValue(/LATAM/);
  await page.getByRole('checkbox', { name: /already uses Microsoft 365 and owns this domain/ }).check();
  const panel = page.getByTestId('existing-tenant-panel');
  await expect(panel.getByTestId('invitation-link')).toHaveValue(/http/);
  const link = await panel.getByTestId('invitation-link').inputValue();
  await acceptAs(browser, link, COHO_TENANT);

  await panel.getByRole('button', { name: 'Verify authorization' }).click();
  await page.getByTestId('verify-domain').fill('cohowinery.cl');
  await page.getByRole('dialog').getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(panel.getByTestId('authorization-verified')).toContainText('cohowinery');
  await expect(page.getByText('Partner Center already has the customer\'s acceptance of the Microsoft Customer Agreement')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'First name' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'could not start' })).toHaveCount(0);
  const run = page.getByTestId('run-link-existing-tenant');
  await expect(run.getByTestId('run-state')).toHaveText('Synced', { timeout: 90_000 });

  // The GDAP request made at onboarding shows its approval link, here and on the company page, and was mailed to the customer.
  await expect(run.getByTestId('gdap-approval-link')).toHaveValue(/^https?:\/\//);
  const approvalUrl = await run.getByTestId('gdap-approval-link').inputValue();
  await page.goto(`/companies/${customer.id}`);
  await page.getByRole('tab', { name: 'Available services' }).click();
  await expect(page.getByTestId('run-link-existing-tenant').getByTestId('gdap-approval-link')).toHaveValue(approvalUrl);
  await expect(page.getByTestId('run-link-existing-tenant').getByRole('button', { name: 'Copy approval link' })).toBeVisible();
  await page.goto('/outbox');
  const mail = page.getByTestId('outbox-message').filter({ hasText: 'gdap-approval-request' }).filter({ hasText: 'Coho Winery Chile' });
  await expect(mail.first()).toContainText(approvalUrl);
  await expect(mail.first()).toContainText('it@cohowinerychile.example');

  // While the customer has not approved it, Subscriptions and Licenses say in words what is missing,
  // with the approval link; Microsoft's answer (a 403 naming role ids) stays in a details line.
  for (const tab of ['subscriptions', 'licenses']) {
    await page.goto(`/companies/${customer.id}?tab=${tab}`);
    const pending = page.getByRole('tabpanel').getByTestId('gdap-pending');
    // The tab reads the orders, then Partner Center (an interactive read, queued behind runs): give it time on a busy machine.
    await expect(pending).toContainText('Waiting for the customer to approve delegated administration', { timeout: 30_000 });
    await expect(pending).toContainText('a Global Administrator of the customer\'s tenant must open the approval link');
    await expect(pending.getByTestId('gdap-approval-link')).toHaveValue(approvalUrl);
    const raw = await pending.locator('[data-raw-text]').innerText();
    const words = (await pending.innerText()).replace(raw, '');
    expect(words, `${tab}: no status code or role ids outside the details line`).not.toMatch(/\b403\b|[0-9a-f]{8}-[0-9a-f]{4}-/);
  }
});

const FABRIKAM_TENANT = 'c2b20001-3d4e-4f60-9b7c-000000000001';

/**
 * A direct customer (no reseller) opens the authorization without typing any domain; its Global
 * Admin accepts, Partner Center's webhook arrives, and the wizard shows the acceptance by itself.
 */
test('a direct customer\'s acceptance is detected without pressing anything', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const { csrfToken } = await signInByApi(page, 'distributor@demo.test');
  const distributor = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: distributor, name: 'Fabrikam Direct', country: 'MX', language: 'es' });
  await startWizard(page, customer.id);
  await page.getByRole('checkbox', { name: /already uses Microsoft 365 and owns this domain/ }).check();
  const panel = page.getByTestId('existing-tenant-panel');
  await expect(panel.getByTestId('invitation-link')).toHaveValue(/http/);
  await acceptAs(browser, await panel.getByTestId('invitation-link').inputValue(), FABRIKAM_TENANT);
  await expect(panel.getByTestId('authorization-verified')).toContainText('Partner Center told us', { timeout: 30_000 });
});
