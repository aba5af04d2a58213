import type { EmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { STACK_DEMO_PASSWORD } from '@csphub/testing';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** The demo users' password: the test stack fixes it with CSPHUB_DEMO_PASSWORD (see @csphub/testing). */
export const DEMO_PASSWORD = STACK_DEMO_PASSWORD;

/** Signs in through the API in the page's context (the session cookie is shared with the page). */
export async function signInByApi(page: Page, email: string): Promise<{ csrfToken: string }> {
  const res = await page.request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { csrfToken: string };
}

/** Creates a customer ready to provision (valid phone, corporate e-mail, billing address) under `parentId`, as the signed-in user. */
export async function createReadyCustomer(
  request: APIRequestContext,
  csrfToken: string,
  input: { parentId: number; name: string; country: 'ES' | 'MX' | 'US' | 'CO' | 'CL'; language?: string },
): Promise<{ id: number; name: string }> {
  const address = {
    ES: { billingLine1: 'Calle de Alcalá 50', billingCity: 'Madrid', billingPostalCode: '28014', billingCountry: 'ES', phone: '+34 915 550 123' },
    MX: { billingLine1: 'Av. Insurgentes Sur 100', billingCity: 'Ciudad de México', billingState: 'CMX', billingPostalCode: '03100', billingCountry: 'MX', phone: '+52 55 1234 5678' },
    US: { billingLine1: '1 Main Street', billingCity: 'Seattle', billingState: 'WA', billingPostalCode: '98101', billingCountry: 'US', phone: '+1 206 555 0100' },
    CO: { billingLine1: 'Carrera 7 # 71-21', billingCity: 'Bogotá', billingPostalCode: '110231', billingCountry: 'CO', phone: '+57 601 555 0100' },
    CL: { billingLine1: 'Av. Apoquindo 3000', billingCity: 'Santiago', billingPostalCode: '7550000', billingCountry: 'CL', phone: '+56 2 2555 0404' },
  }[input.country];
  const slug = input.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const res = await request.post('/api/v1/companies', {
    headers: { 'x-csrf-token': csrfToken },
    data: {
      kind: 'customer',
      parentId: input.parentId,
      name: input.name,
      email: `it@${slug}.example`,
      country: input.country,
      language: input.language ?? 'en',
      contactPerson: 'Test Contact',
      ...address,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: number; name: string };
}

/** The caller's company (its id is the parent for new customers). */
export async function ownCompanyId(request: APIRequestContext): Promise<number> {
  const res = await request.get('/api/v1/auth/session');
  const body = (await res.json()) as { company: { id: number } };
  return body.company.id;
}

/** Walks the wizard's first two steps: pick "Microsoft tenant", accept the MCA. */
export async function startWizard(page: Page, companyId: number): Promise<void> {
  await page.goto(`/companies/${companyId}/new-service`);
  await page.getByLabel('Search services').fill('tenant');
  await page.getByRole('radio', { name: /Microsoft tenant/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('mca-link')).toHaveAttribute('href', /customeragreement/);
  await page.getByRole('checkbox', { name: /has accepted the Microsoft Customer Agreement/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
}

/**
 * Fills the customer's signatory for the new-tenant path (Microsoft's enhanced MCA attestation):
 * the person who will accept the agreement from the e-mailed link. Company, country and language
 * keep the account's defaults.
 */
export async function fillSignatory(page: Page, email: string): Promise<void> {
  await page.getByTestId('signatory-first-name').fill('Lucía');
  await page.getByTestId('signatory-last-name').fill('Hernández');
  await page.getByTestId('signatory-email').fill(email);
}

/**
 * Acts as the signatory accepting in Microsoft's component, through the emulator's control plane,
 * once the run has sent them a request (for specs about something else; new-tenant-mca.spec.ts
 * accepts on the page itself).
 */
export async function acceptMcaAsSignatory(emulator: EmulatorControl, email: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const pending = (await emulator.attestations()).items.find((a) => a.signatoryEmail === email && a.status === 'Pending');
        if (!pending) return false;
        await emulator.decideAttestation(pending.attestationId, 'accept');
        return true;
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toBe(true);
}

/**
 * Orders a new tenant the plain way: the wizard with a free prefix and the customer's signatory,
 * Finish, then the signatory accepts the MCA (through the emulator's control plane).
 */
export async function orderNewTenant(page: Page, emulator: EmulatorControl, customerId: number, prefix: string): Promise<void> {
  await startWizard(page, customerId);
  await page.getByTestId('domain-prefix').fill(prefix);
  await expect(page.getByTestId('domain-result')).toHaveText(`${prefix}.onmicrosoft.com is available.`);
  await fillSignatory(page, `lucia.${prefix}@fabrikam.com`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await acceptMcaAsSignatory(emulator, `lucia.${prefix}@fabrikam.com`);
}

/**
 * Picks a product in the order dialog's catalog. A click that lands while the catalog's section is
 * still opening picks nothing: pick again, as a person would, until it shows as chosen.
 */
export async function pickProduct(dialog: Locator, catalogItemId: string): Promise<void> {
  const pick = dialog.getByTestId(`pick-${catalogItemId}`);
  await expect(async () => {
    if ((await pick.getAttribute('aria-pressed')) !== 'true') await pick.click();
    await expect(pick).toHaveAttribute('aria-pressed', 'true', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
