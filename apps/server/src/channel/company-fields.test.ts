import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COUNTRY_RULES, SUPPORTED_COUNTRIES, isAppError } from '@csphub/domain';
import { normalizeCompanyFields } from './company-fields';

const customer = { kind: 'customer' as const };

function errorsOf(fn: () => unknown): { field?: string; message: string }[] {
  try {
    fn();
    return [];
  } catch (e) {
    if (!isAppError(e)) throw e;
    return e.details ?? [];
  }
}

describe('normalizeCompanyFields', () => {
  it("accepts every country's example postal code in any case and spacing, and stores it normalized", () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUPPORTED_COUNTRIES), fc.boolean(), (country, lower) => {
        const example = COUNTRY_RULES[country]!.postalCodeExample!;
        const typed = ` ${lower ? example.toLowerCase() : example} `;
        const out = normalizeCompanyFields({ billingCountry: country.toLowerCase(), billingPostalCode: typed }, customer, 'reseller');
        return out.billingCountry === country && out.billingPostalCode === example.toUpperCase();
      }),
    );
  });

  it('refuses a postal code that does not fit the stored country, naming the field and an example', () => {
    const errors = errorsOf(() => normalizeCompanyFields({ billingPostalCode: 'ABCDE' }, { ...customer, billingCountry: 'ES' }, 'reseller'));
    expect(errors).toEqual([{ field: 'billingPostalCode', message: expect.stringContaining('28001') }]);
  });

  it('turns empty strings into null so that clearing a field is possible', () => {
    fc.assert(
      fc.property(fc.constantFrom('city', 'phone', 'email', 'billingPostalCode', 'contactPerson'), fc.stringMatching(/^\s*$/), (field, blank) => {
        const out = normalizeCompanyFields({ [field]: blank }, customer, 'reseller') as Record<string, unknown>;
        return out[field] === null;
      }),
    );
  });

  it('stores a state by its code whatever the case or accents, and refuses unknown states where Microsoft lists them', () => {
    expect(normalizeCompanyFields({ state: 'nuevo león' }, { ...customer, country: 'MX' }, 'reseller').state).toBe('NLE');
    expect(errorsOf(() => normalizeCompanyFields({ state: 'Narnia' }, { ...customer, country: 'US' }, 'reseller'))[0]!.field).toBe('state');
  });

  it("refuses the reseller-address fallback outside a reseller's customers, and Partner IDs on customers", () => {
    expect(errorsOf(() => normalizeCompanyFields({ billingUsesResellerAddress: true }, customer, 'distributor'))[0]!.field).toBe('billingUsesResellerAddress');
    expect(errorsOf(() => normalizeCompanyFields({ partnerId: '1234567' }, customer, 'reseller'))[0]!.field).toBe('partnerId');
    expect(normalizeCompanyFields({ partnerId: '1234567' }, { kind: 'reseller' }, 'distributor').partnerId).toBe('1234567');
  });

  it('reports every bad field at once', () => {
    const errors = errorsOf(() => normalizeCompanyFields({ name: 'X', email: 'nope', phone: 'call me', domain: 'http://x' }, customer, 'reseller'));
    expect(errors.map((e) => e.field).sort()).toEqual(['domain', 'email', 'name', 'phone']);
  });
});
