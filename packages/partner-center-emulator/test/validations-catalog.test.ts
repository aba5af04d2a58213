import { describe, expect, it } from 'vitest';
import { Harness, LATAM } from './support/emulator-harness';

describe('address validation and country rules (docs/PARTNER-CENTER-REFERENCE.md §4)', () => {
  it('verifies a good address with a suggestion and rejects a bad postal code', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const good = await h.call('POST', '/v1/validations/address', { token, body: { AddressLine1: '1 Microsoft Way', City: 'Redmond', State: 'WA', PostalCode: '98052', Country: 'US' } });
    expect(good.status).toBe(200);
    expect(good.body.status).toBe('VerifiedShippable');
    expect(good.body.suggestedAddresses[0].postalCode).toBe('98052-8300');
    expect(good.body.validationMessage).toBeUndefined();
    const badPostal = await h.call('POST', '/v1/validations/address', { token, body: { addressLine1: '1 Main St', city: 'Madrid', postalCode: '2800', country: 'ES' } });
    expect(badPostal.body.status).toBe('None');
    expect(badPostal.body.suggestedAddresses).toEqual([]);
    expect(badPostal.body.validationMessage).toMatch(/postal code/);
    const noState = await h.call('POST', '/v1/validations/address', { token, body: { addressLine1: 'Calle 1 #2', city: 'CDMX', postalCode: '06600', country: 'MX' } });
    expect(noState.body.status).toBe('None');
    const partial = await h.call('POST', '/v1/validations/address', { token, body: { addressLine1: 'Main Street', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' } });
    expect(partial.body.status).toBe('StreetPartial');
    const missing = await h.call('POST', '/v1/validations/address', { token, body: { city: 'x', country: 'US' } });
    expect([missing.status, missing.body.code]).toEqual([400, 3000]);
  });

  it('serves country rules for the required countries with their postal patterns', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const expectations: Record<string, { sample: string; state: boolean; registration?: boolean }> = {
      US: { sample: '98052-1234', state: true },
      GB: { sample: 'EC1A 1BB', state: false },
      DE: { sample: '10115', state: false },
      ES: { sample: '28013', state: false },
      MX: { sample: '06600', state: true },
      PE: { sample: '15001', state: false },
      CO: { sample: '110111', state: false },
      BR: { sample: '01310-100', state: true, registration: true },
      AR: { sample: 'C1425DKF', state: true },
      CL: { sample: '8320000', state: false },
      IN: { sample: '560001', state: true, registration: true },
    };
    for (const [iso, e] of Object.entries(expectations)) {
      const res = await h.call('GET', `/v1/countryvalidationrules/${iso.toLowerCase()}`, { token });
      expect(res.status, iso).toBe(200);
      expect(res.body.iso2Code).toBe(iso);
      expect(new RegExp(res.body.postalCodeRegex).test(e.sample), `${iso} ${e.sample}`).toBe(true);
      expect(new RegExp(res.body.postalCodeRegex).test('!!'), iso).toBe(false);
      expect(res.body.isStateRequired, iso).toBe(e.state);
      expect(res.body.customerOrganizationRegistrationNumberRequired, iso).toBe(e.registration ?? false);
      if (e.state) expect(res.body.supportedStatesList.length, iso).toBeGreaterThan(0);
    }
    expect((await h.call('GET', '/v1/countryvalidationrules/US', { token })).body.postalCodeRegex).toBe('^\\d{5}(-\\d{4})?$');
    expect((await h.call('GET', '/v1/countryvalidationrules/JP', { token })).status).toBe(501);
  });
});

describe('new-commerce catalog (docs/PARTNER-CENTER-REFERENCE.md §8)', () => {
  it('lists at least 15 NCE products, their SKUs and availabilities with terms and billing cycles', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const products = await h.call('GET', '/v1/products?country=MX&targetView=OnlineServices', { token });
    expect(products.status).toBe(200);
    expect(products.body.totalCount).toBeGreaterThanOrEqual(15);
    const titles = products.body.items.map((p: { title: string }) => p.title);
    for (const t of ['Microsoft 365 Business Basic', 'Microsoft 365 Business Premium', 'Office 365 E3', 'Exchange Online (Plan 1)', 'Microsoft Entra ID P2', 'Power BI Pro', 'Visio Plan 2', 'Project Plan 3']) expect(titles).toContain(t);
    expect(products.body.items[0].productType.id).toBe('OnlineServicesNCE');
    const azure = await h.call('GET', '/v1/products?country=MX&targetView=Azure', { token });
    expect(azure.body.items.map((p: { id: string }) => p.id)).toEqual(['DZH318Z0BPS6']);
    const skus = await h.call('GET', '/v1/products/CFQ7TTC0LH18/skus?country=MX', { token });
    expect(skus.body.items[0]).toMatchObject({ id: '0001', productId: 'CFQ7TTC0LH18', minimumQuantity: 1, maximumQuantity: 300 });
    expect(skus.body.items[0].supportedBillingCycles).toEqual(['monthly', 'annual']);
    const av = await h.call('GET', '/v1/products/CFQ7TTC0LH18/skus/0001/availabilities?country=MX', { token });
    const availability = av.body.items[0];
    expect(availability.catalogItemId).toBe('CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01');
    expect(availability.defaultCurrency.code).toBe('MXN');
    expect(availability.terms.map((t: { duration: string; billingCycle: string }) => `${t.duration}/${t.billingCycle}`)).toEqual(['P1M/Monthly', 'P1Y/Monthly', 'P1Y/Annual', 'P3Y/Monthly', 'P3Y/Annual']);
    expect((await h.call('GET', `/v1/products/CFQ7TTC0LH18/skus/0001/availabilities/${availability.id}?country=MX`, { token })).status).toBe(200);
    expect((await h.call('GET', '/v1/products/CFQ7TTC0LH18?country=US', { token })).body.title).toBe('Microsoft 365 Business Basic');
    expect((await h.call('GET', '/v1/products?country=US&targetView=OnlineServices&targetSegment=education', { token })).body.totalCount).toBe(0);
  });

  it('answers the documented catalog errors', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const cases: [string, number, number][] = [
      ['/v1/products?targetView=OnlineServices', 400, 3000],
      ['/v1/products?country=US&targetView=Nope', 403, 400036],
      ['/v1/products?country=US&targetView=OnlineServices&targetSegment=military', 403, 400030],
      ['/v1/products/NOPE?country=US', 404, 400013],
      ['/v1/products/CFQ7TTC0LH18/skus/9999?country=US', 404, 400018],
      ['/v1/products/CFQ7TTC0LH18/skus/0001/availabilities/NOPE?country=US', 404, 400019],
    ];
    for (const [path, status, code] of cases) {
      const res = await h.call('GET', path, { token });
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status, code });
    }
  });
});
