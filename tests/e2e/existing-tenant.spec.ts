import { expect, test } from './fixtures';
import { acceptMcaAsSignatory, createReadyCustomer, fillSignatory, ownCompanyId, signInByApi, startWizard } from './onboarding-helpers';

const FABRIKAM_TENANT = 'c2b20001-3d4e-4f60-9b7c-000000000001';

/**
 * A reseller starts an existing-tenant order for the seeded tenant with a custom
 * default domain (Fabrikam, fabrikam.com), copies the invitation link, the customer's Global Admin
 * accepts it in a second browser context on the emulator's /admin page, the reseller verifies with
 * the custom domain and finishes; the account shows the linked tenant and the emulator never saw a
 * create-customer call.
 */
test('reseller links an existing tenant after its Global Admin accepts the invitation', async ({ page, browser, context, emulator }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Fabrikam Iberia', country: 'ES', language: 'es' });
  const createsBefore = (await emulator.counters())['customers.create'] ?? 0;

  await startWizard(page, customer.id);
  await page.getByRole('checkbox', { name: /already uses Microsoft 365 and owns this domain/ }).check();
  const panel = page.getByTestId('existing-tenant-panel');
  await expect(panel.getByTestId('invitation-link')).toHaveValue(/invType=IndirectResellerRelationship/);
  // Checkout stays disabled until the authorization is verified (Next first asks for the customer's
  // MCA signatory, who will get Microsoft's acceptance link while Partner Center has no MCA on record).
  await fillSignatory(page, 'lucia@fabrikam.com');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('checklist')).toContainText('Authorization verified');
  await expect(page.getByRole('button', { name: 'Finish' })).toBeDisabled();
  await page.getByRole('button', { name: 'Back' }).click();

  await panel.getByRole('button', { name: 'Copy link' }).click();
  const shown = await panel.getByTestId('invitation-link').inputValue();
  const readClipboard = () => page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  // The copy is asynchronous: wait until the clipboard holds the link.
  await expect.poll(readClipboard).toBe(shown);
  const link = await readClipboard();
  await expect(panel.getByTestId('invitation-text')).toHaveValue(new RegExp(link.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  // The customer authorization request: TO required, CC optional (several), fixed body.
  await panel.getByRole('button', { name: 'Send customer authorization request' }).click();
  const send = page.getByRole('dialog', { name: 'Customer authorization request' });
  await send.getByRole('textbox', { name: 'To' }).fill('lucia@fabrikam.com');
  await send.getByRole('textbox', { name: 'Cc' }).fill('ops@relecloud.example, boss@relecloud.example');
  await send.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(panel.getByTestId('request-sent')).toContainText('lucia@fabrikam.com');

  // Verify before acceptance: a clear message, checkout still disabled.
  await panel.getByRole('button', { name: 'Verify authorization' }).click();
  await page.getByTestId('verify-domain').fill('fabrikam.com');
  await page.getByRole('dialog').getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(panel.getByTestId('verify-problem')).toContainText('has not accepted the invitation yet');

  // The customer's Global Admin, in another browser context, accepts on the emulator's admin page.
  const customerContext = await browser.newContext();
  const admin = await customerContext.newPage();
  await admin.goto(link);
  await expect(admin.getByRole('heading', { name: /Accept the invitation from/ })).toBeVisible();
  await admin.getByLabel('Signed in as').selectOption(FABRIKAM_TENANT);
  await admin.getByRole('button', { name: 'Accept' }).click();
  await expect(admin.getByRole('heading', { name: /Invitation accepted|Already accepted/ })).toBeVisible();
  await customerContext.close();

  // Back in CSP Hub: verify with the custom default domain.
  await panel.getByRole('button', { name: 'Verify authorization' }).click();
  await page.getByTestId('verify-domain').fill('fabrikam.com');
  await page.getByRole('dialog').getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(panel.getByTestId('authorization-verified')).toContainText('fabrikam');
  await expect(page.getByTestId('signatory-email')).toHaveValue('lucia@fabrikam.com');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('button', { name: 'Finish' })).toBeEnabled();
  await page.getByRole('button', { name: 'Finish' }).click();

  // The run asks Microsoft for the enhanced attestation and waits: the timeline shows who must
  // accept, with the link to open or copy; the e-mail with the same link is in the outbox.
  const run = page.getByTestId('run-link-existing-tenant');
  await expect(run.getByTestId('mca-waiting')).toContainText('lucia@fabrikam.com', { timeout: 60_000 });
  const acceptanceUrl = await run.getByTestId('mca-link').getAttribute('href');
  expect(acceptanceUrl).toMatch(/\/mca\/acceptance\//);
  const outbox = (await (await page.request.get('/api/v1/outbox')).json()) as { items: { template: string; to: string[]; text: string }[] };
  expect(outbox.items.find((m) => m.template === 'mca-acceptance-request' && m.to.includes('lucia@fabrikam.com'))?.text).toContain(acceptanceUrl);
  // "Check now" wakes the waiting run (it looks at the attestation at once).
  await run.getByTestId('mca-check-now').click();
  await expect(page.getByText('Checking whether the customer accepted')).toBeVisible();
  await acceptMcaAsSignatory(emulator, 'lucia@fabrikam.com');
  await expect(run.getByTestId('run-state')).toHaveText('Synced', { timeout: 60_000 });

  const ctx = (await (await page.request.get(`/api/v1/companies/${customer.id}/onboarding`)).json()) as { syncOptions: { tenantId: string | null; defaultDomain: string | null; syncStatus: string }[] };
  expect(ctx.syncOptions.some((o) => o.tenantId === FABRIKAM_TENANT && o.syncStatus === 'synced')).toBe(true);
  // The request is on the Pending authorizations page (now accepted) and in the outbox, with its CC.
  await page.goto('/authorizations');
  await page.locator('label').filter({ hasText: /^All$/ }).click();
  const row = page.getByTestId('authorizations').getByRole('row').filter({ hasText: 'Fabrikam Iberia' });
  await expect(row).toContainText('lucia@fabrikam.com, ops@relecloud.example, boss@relecloud.example');
  await expect(row).toContainText('Accepted');
  await page.goto('/outbox');
  const request = page.getByTestId('outbox-message').filter({ hasText: 'customer-authorization-request' }).filter({ hasText: 'Fabrikam Iberia' });
  await expect(request.first()).toContainText('Cc: ops@relecloud.example, boss@relecloud.example');
  const createsAfter = (await emulator.counters())['customers.create'] ?? 0;
  expect(createsAfter).toBe(createsBefore);
});
