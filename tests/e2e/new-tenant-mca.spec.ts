import { expect, test } from './fixtures';
import { createReadyCustomer, fillSignatory, ownCompanyId, pickProduct, signInByApi, startWizard } from './onboarding-helpers';

/**
 * Microsoft's enhanced MCA attestation end to end, in real Chromium (docs/PARTNER-CENTER-REFERENCE.md §5.5):
 * a reseller orders a new tenant naming the customer's signatory; the signatory receives the
 * acceptance link (outbox), the timeline says the run waits for them with the link; an order placed
 * meanwhile is held with that message; the signatory opens the link in another browser, reads and
 * accepts the agreement on the emulator's page (Microsoft's component, in Spanish); the run goes on
 * by itself to Synced and the held order goes through. One attestation, one agreement.
 */
test('the signatory accepts the MCA from the e-mailed link; the run and a held order go on by themselves', async ({ page, emulator, browser }) => {
  test.setTimeout(240_000);
  await emulator.updateSettings({ orderFulfilmentDelaySeconds: 4 });
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Contoso Firmas Madrid', country: 'ES', language: 'es' });
  const prefix = `contosofirmas${Date.now() % 1_000_000}`;
  const signatory = `sofia.${prefix}@contosofirmas.example`;

  await startWizard(page, customer.id);
  await page.getByTestId('domain-prefix').fill(prefix);
  await expect(page.getByTestId('domain-result')).toHaveText(`${prefix}.onmicrosoft.com is available.`);
  // The signatory: company, country and language come from the account (Spanish for this customer).
  await expect(page.getByTestId('mca-signatory')).toBeVisible();
  await expect(page.getByLabel('Date of acceptance')).toHaveCount(0);
  await fillSignatory(page, signatory);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(`<${signatory}>`)).toBeVisible();
  await page.getByRole('button', { name: 'Finish' }).click();

  // The timeline: waiting for the customer, with the link to copy and how long it has waited.
  const run = page.getByTestId('run-provision-tenant');
  const waiting = run.getByTestId('mca-waiting');
  await expect(waiting).toContainText(`Waiting for Lucía Hernández <${signatory}> to accept the Microsoft Customer Agreement, for 1 minute`, { timeout: 90_000 });
  await expect(waiting.getByTestId('mca-copy')).toBeVisible();
  const link = (await waiting.getByTestId('mca-link').getAttribute('href'))!;
  expect(link).toContain('/mca/acceptance/');
  await expect(run.getByTestId('run-state')).toHaveText('In progress');
  // The tenant is linked (so it can be ordered for) and the credentials went out before the wait.
  await expect(run.locator('[data-step="deliver-credentials"]').first()).toContainText('· done', { timeout: 60_000 });

  // The signatory's e-mail, in Spanish, with the same link.
  const outbox = (await (await page.request.get('/api/v1/outbox')).json()) as { items: { template: string; to: string[]; text: string; language: string }[] };
  const mail = outbox.items.find((m) => m.template === 'mca-acceptance-request' && m.to.includes(signatory));
  expect(mail, 'the acceptance request in the outbox').toBeDefined();
  expect(mail!.language).toBe('es');
  expect(mail!.text).toContain(link);
  await page.goto('/outbox');
  await expect(page.getByTestId('outbox-message').filter({ hasText: signatory }).first()).toContainText('Acepte el Contrato de cliente de Microsoft');

  // An order placed before acceptance is taken and held, with the reason.
  await page.goto(`/companies/${customer.id}?tab=orders`);
  await page.getByTestId('new-order').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('catalog-search').fill('business basic');
  await pickProduct(dialog, 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01');
  await dialog.getByTestId('order-quantity').fill('5');
  await dialog.getByTestId('order-attest').check();
  await dialog.getByTestId('order-submit').click();
  const row = page.getByTestId('orders-table').locator('tbody tr').first();
  await expect(row).toContainText('5 × Microsoft 365 Business Basic');
  await expect(row.getByTestId('order-message')).toContainText("Held until the customer's signatory accepts the Microsoft Customer Agreement", { timeout: 30_000 });
  await expect(row.getByTestId('order-status')).toHaveText('Submitted');

  // The signatory, in another browser, reads and accepts on Microsoft's component (the emulator's page).
  const other = await browser.newContext();
  try {
    const signer = await other.newPage();
    await signer.goto(link);
    await expect(signer.getByRole('heading', { name: 'Revise y acepte el Contrato de cliente de Microsoft' })).toBeVisible();
    await expect(signer.locator('#signatory')).toContainText(signatory);
    await signer.getByRole('checkbox').check();
    await signer.getByRole('button', { name: 'Aceptar' }).click();
    await expect(signer.locator('#status')).toHaveText('Ha aceptado el Contrato de cliente de Microsoft.');
  } finally {
    await other.close();
  }

  // The run goes on by itself to Synced; the held order goes through.
  await page.goto(`/companies/${customer.id}?tab=services`);
  const after = page.getByTestId('run-provision-tenant');
  await expect(after.getByTestId('run-state')).toHaveText('Synced', { timeout: 120_000 });
  await expect(after.getByTestId('mca-accepted')).toBeVisible();
  await page.goto(`/companies/${customer.id}?tab=orders`);
  const order = page.getByTestId('orders-table').locator('tbody tr').first();
  await expect(order.getByTestId('order-status')).toHaveText('Fulfilled', { timeout: 120_000 });
  await expect(order.getByTestId('order-message')).toHaveCount(0);

  // Exactly one attestation and one agreement for this customer.
  const attestations = (await emulator.attestations()).items.filter((a) => a.signatoryEmail === signatory);
  expect(attestations.map((a) => a.status)).toEqual(['Accepted']);
  const state = await emulator.state();
  expect(state.agreements.filter((a) => a.customerTenantId === attestations[0]!.customerTenantId)).toHaveLength(1);
});
