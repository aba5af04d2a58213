import { expect, test } from './fixtures';
import { createReadyCustomer, orderNewTenant, ownCompanyId, signInByApi } from './onboarding-helpers';

/**
 * "A failure after the tenant exists goes to needs attention with the reason and a retry
 * from that step", in real Chromium: the signatory accepts, the emulator refuses the agreement (a business 400, so
 * no automatic retries), the timeline shows "Needs attention" with the reason, the fault is
 * cleared, Retry wakes the same run, which ends "Synced" with exactly one customer in the emulator.
 */
test('a run that needs attention after the tenant exists is retried from the company page', async ({ page, emulator }) => {
  test.setTimeout(150_000);
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Tailspin Retry Labs', country: 'US' });
  const prefix = `tailspin${Date.now() % 1_000_000}`;

  const fault = await emulator.injectFault({
    route: 'POST /v1/customers/:id/agreements',
    status: 400,
    count: 1000,
    body: { code: 600008, description: 'The MCA attestation was refused (injected by the retry test).', data: [], source: 'PartnerFD' },
  });
  expect(fault.remaining).toBe(1000);
  try {
    await orderNewTenant(page, emulator, customer.id, prefix);

    const run = page.getByTestId('run-provision-tenant');
    await expect(run.getByTestId('run-state')).toHaveText('Needs attention', { timeout: 90_000 });
    await expect(run.getByRole('alert')).toContainText('refused');
    await expect(run).toContainText(`${prefix}.onmicrosoft.com`);
  } finally {
    await emulator.clearFaults();
  }

  const run = page.getByTestId('run-provision-tenant');
  const retry = run.getByRole('button', { name: 'Retry' });
  // Two quick clicks: the second lands while the first is pending (the button is disabled) or after
  // it (the button is gone); either way the run is woken once.
  await retry.click();
  await retry.click({ timeout: 1000 }).catch(() => undefined);
  await expect(run.getByTestId('run-state')).toHaveText('Synced', { timeout: 90_000 });
  await expect(run.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  const state = await emulator.state();
  expect(state.tenants.filter((t) => t.domains.includes(`${prefix}.onmicrosoft.com`))).toHaveLength(1);
});
