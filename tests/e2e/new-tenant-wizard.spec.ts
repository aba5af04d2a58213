import { expect, test } from './fixtures';
import { acceptMcaAsSignatory, createReadyCustomer, fillSignatory, ownCompanyId, signInByApi, startWizard } from './onboarding-helpers';

/**
 * In real Chromium: the New service wizard for a new tenant, run by a reseller
 * (taken prefix, a free suggestion, finish, timeline to "Synced", the welcome message in the outbox,
 * the one-time password once) and by the distributor for a direct customer.
 */
test('a reseller provisions a new tenant: taken prefix, free suggestion, synced, welcome in the outbox', async ({ page, emulator }) => {
  test.setTimeout(150_000);
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Northwind Mercados', country: 'ES', language: 'es' });

  await startWizard(page, customer.id);
  // The reseller's Partner ID on file is checked at once.
  await expect(page.getByTestId('partner-id-verdict')).toContainText('has accepted the Microsoft Partner Agreement');

  const prefix = page.getByTestId('domain-prefix');
  await prefix.fill('fabrikam');
  await expect(page.getByTestId('domain-taken')).toContainText('fabrikam.onmicrosoft.com is already registered by another Microsoft tenant');
  const suggestion = page.getByTestId('domain-taken').getByRole('button').first();
  const free = (await suggestion.textContent())!.trim();
  await suggestion.click();
  await expect(prefix).toHaveValue(free);
  await expect(page.getByTestId('domain-result')).toHaveText(`${free}.onmicrosoft.com is available.`);
  await expect(page.getByRole('textbox', { name: 'Administrator user name' })).toHaveValue('admin');
  const signatory = `lucia.${free}@fabrikam.com`;
  await fillSignatory(page, signatory);
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByTestId('checklist').locator('[data-ok="false"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Finish' }).click();
  await acceptMcaAsSignatory(emulator, signatory);
  const run = page.getByTestId('run-provision-tenant');
  await expect(run.getByTestId('run-state')).toHaveText('Synced', { timeout: 90_000 });

  // The one-time password: shown once, to the person who ran the order.
  await run.getByRole('button', { name: 'Show the one-time administrator password' }).click();
  await expect(page.getByTestId('one-time-password')).toBeVisible();
  const runs = (await (await page.request.get(`/api/v1/companies/${customer.id}/onboarding/runs`)).json()) as { items: { id: string; kind: string }[] };
  const runId = runs.items.find((r) => r.kind === 'provision-tenant')!.id;
  const again = await page.request.post(`/api/v1/companies/${customer.id}/onboarding/runs/${encodeURIComponent(runId)}/reveal-credentials`, { headers: { 'x-csrf-token': csrfToken } });
  expect(again.status()).toBe(404);

  await page.goto('/outbox');
  const welcome = page.getByTestId('outbox-message').filter({ hasText: `${free}.onmicrosoft.com` }).filter({ hasText: 'welcome' });
  await expect(welcome.first()).toBeVisible();
  await expect(welcome.first()).toContainText(`it@northwindmercados.example`);
});

test('the distributor provisions a new tenant for a direct customer, with its own administrator name and no forced password change', async ({ page, emulator }) => {
  test.setTimeout(150_000);
  const { csrfToken } = await signInByApi(page, 'distributor@demo.test');
  const distributor = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: distributor, name: 'Southwind Direct Labs', country: 'US' });
  await startWizard(page, customer.id);
  // A direct customer: no reseller Partner ID.
  await expect(page.getByTestId('partner-id')).toHaveCount(0);
  // One prefix rule (at most 27, the emulator's create-time limit): 28 letters are refused by the live check.
  await page.getByTestId('domain-prefix').fill('southwinddirectlabsmexicoabc');
  await expect(page.getByText('Use at most 27 letters or digits.')).toBeVisible();
  const free = `southwind${Date.now() % 1_000_000}`;
  await page.getByTestId('domain-prefix').fill(free);
  await expect(page.getByTestId('domain-result')).toHaveText(`${free}.onmicrosoft.com is available.`);
  await page.getByRole('textbox', { name: 'Administrator user name' }).fill('it.admin');
  await page.getByRole('checkbox', { name: 'Require a password change at first sign-in' }).uncheck();
  // Without default GDAP the administrator cannot be set up: the wizard says so and holds Finish.
  const gdap = page.getByRole('checkbox', { name: /default delegated administration/ });
  await gdap.uncheck();
  await expect(page.getByTestId('admin-needs-gdap')).toBeVisible();
  await gdap.check();
  await expect(page.getByTestId('admin-needs-gdap')).toHaveCount(0);
  await fillSignatory(page, `lucia.${free}@fabrikam.com`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await acceptMcaAsSignatory(emulator, `lucia.${free}@fabrikam.com`);
  const run = page.getByTestId('run-provision-tenant');
  await expect(run.getByTestId('run-state')).toHaveText('Synced', { timeout: 90_000 });
  await expect(run.locator('[data-step="set-up-admin"]').first()).toContainText('Set up the tenant administrator · done');
  await run.getByRole('button', { name: 'Show the one-time administrator password' }).click();
  await expect(page.getByTestId('one-time-password')).toBeVisible();
  await expect(run).toContainText(`it.admin@${free}.onmicrosoft.com`);
  await page.goto('/outbox');
  await expect(page.getByTestId('outbox-message').filter({ hasText: `it.admin@${free}.onmicrosoft.com` }).first()).toBeVisible();
});
