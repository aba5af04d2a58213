import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { createReadyCustomer, fillSignatory, ownCompanyId, signInByApi, startWizard } from './onboarding-helpers';

/** A company's id by name, from the caller's tree. */
async function companyIdByName(request: APIRequestContext, name: RegExp): Promise<number> {
  const tree = (await (await request.get('/api/v1/companies/tree')).json()) as { nodes: { id: number; name: string }[] };
  const node = tree.nodes.find((n) => name.test(n.name));
  expect(node, `no company matching ${name}`).toBeTruthy();
  return node!.id;
}

/**
 * A Colombian customer of a Colombian reseller is provisioned through the Latin American
 * connection (not the first one listed, Europe), and the GDAP text lists exactly the roles of
 * Microsoft's default relationship, which does not extend itself.
 */
test('the default connection of a Colombian customer of a LATAM reseller is the LATAM one, and the GDAP text is what is requested', async ({ page }) => {
  test.setTimeout(180_000);
  const { csrfToken } = await signInByApi(page, 'distributor@demo.test');
  const lucerne = await companyIdByName(page.request, /^Lucerne/);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: lucerne, name: 'Bogotá Cafés', country: 'CO', language: 'es' });
  await startWizard(page, customer.id);
  await expect(page.getByRole('combobox', { name: 'Partner Center connection' })).toHaveValue(/LATAM/);
  const gdap = page.getByTestId('gdap-about');
  await expect(gdap).toContainText('Privileged Role Administrator');
  await expect(gdap).toContainText('11 roles for 730 days');
  await expect(gdap).not.toContainText('extends itself by');
  // The existing-tenant path requests the connection's default GDAP template: until another is made
  // the default, the one seeded from Microsoft's default roles.
  await page.getByRole('checkbox', { name: /already uses Microsoft 365 and owns this domain/ }).check();
  await expect(gdap).toContainText('11 roles for 730 days');
  await expect(gdap).toContainText('Privileged Role Administrator');
  await expect(page.getByTestId('gdap-template')).toContainText('Microsoft default');
});

/**
 * The GDAP template is chosen per company: the wizard starts on the connection's default and lists
 * the connection's other templates; the one chosen is what the text describes and what Finish names.
 */
test('the wizard lets the person request GDAP from another template of the connection', async ({ page }) => {
  test.setTimeout(180_000);
  const { csrfToken } = await signInByApi(page, 'distributor@demo.test');
  const lucerne = await companyIdByName(page.request, /^Lucerne/);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: lucerne, name: 'Medellín Flores', country: 'CO', language: 'es' });
  const ctx = (await (await page.request.get(`/api/v1/companies/${customer.id}/onboarding`)).json()) as { defaultConnectionId: string; gdap: { templates: { connectionId: string; isDefault: boolean; roles: { id: string }[] }[] } };
  const byDefault = ctx.gdap.templates.find((x) => x.connectionId === ctx.defaultConnectionId && x.isDefault)!;
  const name = `Helpdesk ${Date.now().toString(36)}`;
  const created = await page.request.post('/api/v1/gdap/templates', {
    headers: { 'X-CSRF-Token': csrfToken },
    data: { connectionId: ctx.defaultConnectionId, name, roleIds: byDefault.roles.slice(0, 2).map((r) => r.id), durationDays: 90, autoExtend: false },
  });
  expect(created.status()).toBe(201);
  await startWizard(page, customer.id);
  await page.getByRole('checkbox', { name: /already uses Microsoft 365 and owns this domain/ }).check();
  const choice = page.getByRole('textbox', { name: 'GDAP template' }).or(page.getByRole('combobox', { name: 'GDAP template' })).first();
  await expect(choice).toHaveValue('Microsoft default v1 (default)');
  await choice.click();
  await page.getByRole('option', { name: `${name} v1` }).click();
  await expect(page.getByTestId('gdap-template')).toContainText(`${name} v1 (2 roles, 90 days)`);
  await expect(page.getByTestId('gdap-about')).toContainText('2 roles for 90 days');
});

/** "Next" checks the step: an empty signatory field is named, with a link to its field. */
test('each step says what is wrong before moving on, and Order review gives the reason of a red line', async ({ page }) => {
  test.setTimeout(180_000);
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Reasons Iberia', country: 'ES' });
  await startWizard(page, customer.id);
  await page.getByTestId('domain-prefix').fill(`reasons${Date.now().toString(36)}`);
  // A new tenant names the MCA signatory (who accepts later): the missing first name stops Next.
  await page.getByTestId('signatory-last-name').fill('Hernández');
  await page.getByTestId('signatory-email').fill('lucia@fabrikam.com');
  await page.getByRole('button', { name: 'Next' }).click();
  const problems = page.getByTestId('step-problems');
  await expect(problems).toContainText('first name is missing');
  await expect(page.getByTestId('checklist')).toBeHidden();
  await problems.getByRole('listitem').filter({ hasText: 'first name' }).getByRole('button', { name: 'Go to the field' }).click();
  await expect(page.getByTestId('signatory-first-name')).toBeFocused();
  await page.getByTestId('signatory-first-name').fill('Lucía');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(problems).toBeHidden();
  await page.getByRole('button', { name: 'Back' }).click();

  // The existing-tenant path moves on before the customer accepts; the review says why Finish waits.
  await page.getByRole('checkbox', { name: /already uses Microsoft 365 and owns this domain/ }).check();
  await expect(page.getByTestId('invitation-link')).toHaveValue(/http/);
  // Without the MCA on record the existing path names the signatory too (no date: they accept later).
  await page.getByTestId('signatory-email').fill('');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(problems).toContainText('e-mail');
  await expect(page.getByLabel('Date of acceptance')).toHaveCount(0);
  await page.getByTestId('signatory-email').fill('lucia@fabrikam.com');
  await page.getByRole('button', { name: 'Next' }).click();
  const red = page.getByTestId('checklist').locator('[data-ok="false"]').filter({ hasText: 'The customer has not accepted the invitation yet' });
  await expect(red).toBeVisible();
  await expect(page.getByRole('button', { name: 'Finish' })).toBeDisabled();
  await red.getByRole('button', { name: 'Go to the field' }).click();
  await expect(page.getByTestId('existing-tenant-panel')).toBeVisible();
});

/** What was typed survives a reload: the draft is on the server, offered to resume or discard. */
test('a reload offers to resume the wizard where it was left', async ({ page }) => {
  test.setTimeout(180_000);
  const { csrfToken } = await signInByApi(page, 'reseller@demo.test');
  const reseller = await ownCompanyId(page.request);
  const customer = await createReadyCustomer(page.request, csrfToken, { parentId: reseller, name: 'Draft Iberia', country: 'ES' });
  await startWizard(page, customer.id);
  await page.getByTestId('domain-prefix').fill('draftiberia');
  await page.getByRole('textbox', { name: 'Administrator user name' }).fill('it.admin');
  await fillSignatory(page, 'lucia@fabrikam.com');
  // Saved 500 ms after the last key: wait for the save that holds the last field typed (the signatory's).
  await expect
    .poll(async () => {
      const draft = ((await (await page.request.get(`/api/v1/companies/${customer.id}/onboarding/draft`)).json()) as { draft: { state: { adminUsername: string; attestation: Record<string, string> } } | null }).draft;
      return draft ? `${draft.state.adminUsername} ${draft.state.attestation.firstName ?? ''} ${draft.state.attestation.email ?? ''}` : null;
    })
    .toBe('it.admin Lucía lucia@fabrikam.com');

  await page.reload();
  const offer = page.getByTestId('draft-offer');
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('domain-prefix')).toHaveValue('draftiberia');
  await expect(page.getByRole('textbox', { name: 'Administrator user name' })).toHaveValue('it.admin');
  await expect(page.getByTestId('signatory-first-name')).toHaveValue('Lucía');

  // Discarded, it is gone for good.
  await page.reload();
  await page.getByTestId('draft-offer').getByRole('button', { name: 'Discard and start again' }).click();
  await expect(page.getByLabel('Search services')).toBeVisible();
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/companies/${customer.id}/onboarding/draft`)).json()) as { draft: unknown }).draft).toBeNull();
});
