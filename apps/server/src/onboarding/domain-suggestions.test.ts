import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_DOMAIN_PREFIX_LENGTH, isValidDomainPrefix } from '@csphub/domain';
import { suggestDomainPrefixes } from './domain-suggestions';

describe('suggestDomainPrefixes', () => {
  it('proposes the company name first, then the prefix with the country and common words, never the taken one', () => {
    const s = suggestDomainPrefixes('fabrikam', { companyName: 'Fabrikam Iberia S.L.', country: 'ES' });
    expect(s[0]).toBe('fabrikamiberia');
    expect(s).toContain('fabrikames');
    expect(s).not.toContain('fabrikam');
  });

  it('only proposes valid prefixes (letters and digits, at most 27 characters), without duplicates', () => {
    const s = suggestDomainPrefixes('averyveryverylongcompanyprefixname', { companyName: 'Ñandú & Co. — Producción, S.A. de C.V.', country: 'MX' });
    for (const p of s) {
      expect(isValidDomainPrefix(p)).toBe(true);
      expect(p.length).toBeLessThanOrEqual(27);
    }
    expect(new Set(s).size).toBe(s.length);
  });

  it('still proposes several alternatives for a taken prefix of the full 27 characters', () => {
    const taken = 'contosoretailgroupmexico123';
    expect(taken).toHaveLength(MAX_DOMAIN_PREFIX_LENGTH);
    const s = suggestDomainPrefixes(taken, { companyName: null, country: 'MX' });
    expect(s.length).toBeGreaterThanOrEqual(5);
    expect(s).toContain('contosoretailgroupmexico365');
    expect(s).toContain(`${taken.slice(0, 25)}mx`);
  });

  it('every suggestion for any taken prefix and company name satisfies the domain rule (property-based)', () => {
    const prefix = fc.stringMatching(/^[a-zA-Z0-9]{1,27}$/);
    const name = fc.string({ maxLength: 60 });
    const country = fc.constantFrom(null, 'MX', 'ES', 'US', 'BR');
    fc.assert(
      fc.property(prefix, name, country, (taken, companyName, cc) => {
        const s = suggestDomainPrefixes(taken, { companyName, country: cc });
        for (const p of s) {
          expect(isValidDomainPrefix(p)).toBe(true);
          expect(p).not.toBe(taken.toLowerCase());
        }
        expect(new Set(s).size).toBe(s.length);
      }),
    );
  });
});
