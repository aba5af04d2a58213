import { describe, expect, it } from 'vitest';
import { isValidDomainPrefix } from '@csphub/domain';
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
});
