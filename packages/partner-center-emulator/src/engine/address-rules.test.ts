import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COUNTRY_RULES, matchesPostalCode } from './country-rules';
import { checkBillingAddress, validateAddress } from './address-rules';
import { EmulatorError } from '../errors/emulator-error';

const REQUIRED = ['US', 'GB', 'DE', 'ES', 'MX', 'PE', 'CO', 'BR', 'AR', 'CL', 'IN'];

function errorCode(fn: () => void): number | string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (error instanceof EmulatorError) return (error.body as { code: number }).code;
    throw error;
  }
}

describe('country postal-code rules (property-based)', () => {
  it('covers every country the issue names', () => {
    expect(COUNTRY_RULES.map((r) => r.iso2)).toEqual(expect.arrayContaining(REQUIRED));
  });

  for (const rule of COUNTRY_RULES) {
    if (rule.postalCodeRegex === null) continue;
    const regex = new RegExp(rule.postalCodeRegex);
    it(`${rule.iso2}: every code of the pattern validates, with a suggestion`, () => {
      fc.assert(
        fc.property(fc.stringMatching(regex), fc.constantFrom(...(rule.states.length ? rule.states : [''])), (postalCode, state) => {
          expect(matchesPostalCode(rule, postalCode)).toBe(true);
          const result = validateAddress({ addressLine1: '12 High Street', city: 'City', state, postalCode, country: rule.iso2 });
          expect(result.status).toBe('VerifiedShippable');
          expect(result.suggestedAddresses).toHaveLength(1);
        }),
        { numRuns: 60 },
      );
    });
    it(`${rule.iso2}: codes outside the pattern are refused at validation and at creation`, () => {
      fc.assert(
        fc.property(
          fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !regex.test(s.trim())),
          (postalCode) => {
            const state = rule.states[0] ?? '';
            expect(validateAddress({ addressLine1: '12 High Street', city: 'City', state, postalCode, country: rule.iso2 }).status).toBe('None');
            const code = errorCode(() =>
              checkBillingAddress({ addressLine1: '12 High Street', city: 'City', state, postalCode, country: rule.iso2, phoneNumber: '+1 555 0100' }, rule.registrationNumberSample ?? undefined),
            );
            expect(code).toBe(3000);
          },
        ),
        { numRuns: 60 },
      );
    });
  }

  it('requires a state exactly where the rules say so', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COUNTRY_RULES), (rule) => {
        const postalCode = rule.iso2 === 'US' ? '98052' : (fc.sample(fc.stringMatching(new RegExp(rule.postalCodeRegex ?? '^$')), 1)[0] ?? '');
        const status = validateAddress({ addressLine1: '1 Road', city: 'City', state: '', postalCode, country: rule.iso2 }).status;
        expect(status === 'None').toBe(rule.isStateRequired);
      }),
    );
  });
});
