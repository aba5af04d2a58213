import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COUNTRY_RULES, SUPPORTED_COUNTRIES, countryRules } from './country-rules';
import { isAddressEmpty, validateAddress } from './validate-address';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** A valid address for `code`, built from the rules' own example values. */
function validFor(code: string) {
  const r = COUNTRY_RULES[code]!;
  return {
    address: { line1: 'Main street 1', city: 'Town', country: code, postalCode: r.postalCodeExample ?? '', state: r.states?.[0]?.code ?? '' },
    registrationNumber: r.registrationNumberExample ?? null,
  };
}

describe('validateAddress', () => {
  it("accepts every supported country's own examples", () => {
    for (const code of SUPPORTED_COUNTRIES) {
      const { address, registrationNumber } = validFor(code);
      expect(validateAddress(address, registrationNumber), code).toEqual([]);
    }
  });

  it('requires a postal code exactly where the country does, and names it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUPPORTED_COUNTRIES), (code) => {
        const { address, registrationNumber } = validFor(code);
        const problems = validateAddress({ ...address, postalCode: '  ' }, registrationNumber);
        const flagged = problems.some((p) => p.field === 'postalCode' && p.code === 'required');
        return flagged === COUNTRY_RULES[code]!.postalCodeRequired && problems.every((p) => p.field === 'postalCode');
      }),
    );
  });

  it('accepts any 5-digit US ZIP with or without +4 and refuses other lengths', () => {
    fc.assert(
      fc.property(digits(5), fc.option(digits(4), { nil: undefined }), (zip, plus4) => {
        const postalCode = plus4 ? `${zip}-${plus4}` : zip;
        return validateAddress({ line1: 'x', city: 'y', country: 'us', state: 'WA', postalCode }).length === 0;
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }).filter((n) => n !== 5), fc.nat(), (len, seed) => {
        const postalCode = String(seed).padStart(len, '1').slice(0, len);
        return validateAddress({ line1: 'x', city: 'y', country: 'US', state: 'WA', postalCode }).some((p) => p.field === 'postalCode' && p.code === 'invalid');
      }),
    );
  });

  it('requires a known state where the country lists states, by code or name, ignoring case and accents', () => {
    expect(validateAddress({ line1: 'x', city: 'y', country: 'MX', postalCode: '06600', state: 'nuevo leon' })).toEqual([]);
    expect(validateAddress({ line1: 'x', city: 'y', country: 'MX', postalCode: '06600', state: 'Atlantis' })).toEqual([{ field: 'state', code: 'unknown-state' }]);
    expect(validateAddress({ line1: 'x', city: 'y', country: 'US', postalCode: '98052' })).toEqual([{ field: 'state', code: 'required' }]);
    fc.assert(
      fc.property(fc.constantFrom(...SUPPORTED_COUNTRIES.filter((c) => !COUNTRY_RULES[c]!.stateRequired)), fc.string(), (code, state) => {
        const { address, registrationNumber } = validFor(code);
        return validateAddress({ ...address, state }, registrationNumber).length === 0;
      }),
    );
  });

  it('requires the registration number only where Microsoft does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SUPPORTED_COUNTRIES), (code) => {
        const { address } = validFor(code);
        const missing = validateAddress(address, null).some((p) => p.field === 'registrationNumber');
        return missing === countryRules(code)!.registrationNumberRequired;
      }),
    );
    expect(validateAddress(validFor('BR').address, '123')).toEqual([{ field: 'registrationNumber', code: 'invalid', example: '12.345.678/0001-95' }]);
  });

  it('refuses countries it has no rules for, and a missing country, without guessing', () => {
    expect(validateAddress({ line1: 'x', city: 'y', country: 'ZZ', postalCode: '1' })).toEqual([{ field: 'country', code: 'unsupported-country' }]);
    expect(validateAddress({})).toEqual([
      { field: 'line1', code: 'required' },
      { field: 'city', code: 'required' },
      { field: 'country', code: 'required' },
    ]);
  });

  it('never throws, whatever the input', () => {
    const field = fc.option(fc.string(), { nil: undefined });
    fc.assert(
      fc.property(fc.record({ line1: field, city: field, state: field, postalCode: field, country: fc.option(fc.constantFrom(...SUPPORTED_COUNTRIES, 'zz', ''), { nil: undefined }) }), fc.option(fc.string()), (a, reg) => {
        const problems = validateAddress(a, reg);
        return Array.isArray(problems) && (!isAddressEmpty(a) || problems.length > 0);
      }),
    );
  });
});
