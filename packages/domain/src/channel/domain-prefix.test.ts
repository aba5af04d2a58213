import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_DOMAIN_PREFIX_LENGTH, domainPrefixProblem, isValidDomainPrefix } from './domain-prefix';

const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[a-zA-Z0-9]{${min},${max}}$`));

describe('onmicrosoft.com prefix rule (property-based, docs/PARTNER-CENTER-REFERENCE.md §3)', () => {
  it('is 27, the length the emulator accepts at create time', () => {
    expect(MAX_DOMAIN_PREFIX_LENGTH).toBe(27);
  });

  it('accepts every prefix of 1 to 27 letters or digits', () => {
    fc.assert(
      fc.property(alnum(1, 27), (prefix) => {
        expect(domainPrefixProblem(prefix)).toBeNull();
        expect(isValidDomainPrefix(prefix)).toBe(true);
      }),
    );
  });

  it('refuses 28 letters or digits and more as too long (the 28-63 gap a DNS label would allow)', () => {
    fc.assert(
      fc.property(alnum(28, 80), (prefix) => {
        expect(domainPrefixProblem(prefix)).toBe('too-long');
        expect(isValidDomainPrefix(prefix)).toBe(false);
      }),
    );
    expect(domainPrefixProblem('a'.repeat(28))).toBe('too-long');
    expect(domainPrefixProblem('a'.repeat(27))).toBeNull();
  });

  it('names any other character before the length, whatever the length', () => {
    const withBadChar = fc
      .tuple(alnum(0, 40), fc.constantFrom('-', '.', '_', ' ', 'é', 'ñ', '!', '@', '\u00a0'), alnum(0, 40))
      .map(([a, bad, b]) => `${a}${bad}${b}`);
    fc.assert(
      fc.property(withBadChar, (prefix) => {
        expect(domainPrefixProblem(prefix)).toBe('characters');
        expect(isValidDomainPrefix(prefix)).toBe(false);
      }),
    );
  });

  it('refuses the empty prefix as empty', () => {
    expect(domainPrefixProblem('')).toBe('empty');
  });

  it('agrees with the plain pattern for any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(isValidDomainPrefix(s)).toBe(/^[a-zA-Z0-9]{1,27}$/.test(s));
      }),
    );
  });
});
