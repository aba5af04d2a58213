import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DOMAIN_PREFIX_PATTERN } from './customers.engine';
import { routeMatches } from '../protocol/faults';

describe('onmicrosoft.com prefixes (property-based, docs/PARTNER-CENTER-REFERENCE.md §3)', () => {
  it('accepts 1 to 27 letters and digits', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-zA-Z0-9]{1,27}$/), (prefix) => {
      expect(DOMAIN_PREFIX_PATTERN.test(prefix)).toBe(true);
    }));
  });

  it('refuses any prefix with another character, an empty one, or one longer than 27', () => {
    const withBadChar = fc
      .tuple(fc.stringMatching(/^[a-z0-9]{0,10}$/), fc.constantFrom('-', '.', '_', ' ', 'é', '!', '@'), fc.stringMatching(/^[a-z0-9]{0,10}$/))
      .map(([a, bad, b]) => `${a}${bad}${b}`);
    fc.assert(fc.property(withBadChar, (prefix) => {
      expect(DOMAIN_PREFIX_PATTERN.test(prefix)).toBe(false);
    }));
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9]{28,40}$/), (prefix) => {
      expect(DOMAIN_PREFIX_PATTERN.test(prefix)).toBe(false);
    }));
    expect(DOMAIN_PREFIX_PATTERN.test('')).toBe(false);
  });
});

describe('fault route patterns (property-based)', () => {
  const segment = fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/);
  it('a :param segment matches any one segment, * matches any rest, literals must match', () => {
    fc.assert(
      fc.property(segment, segment, fc.array(segment, { maxLength: 3 }), (id, other, rest) => {
        expect(routeMatches('GET /v1/customers/:id', 'GET', `/v1/customers/${id}`)).toBe(true);
        expect(routeMatches('GET /v1/customers/:id', 'POST', `/v1/customers/${id}`)).toBe(false);
        expect(routeMatches('* /v1/customers/:id', 'DELETE', `/v1/customers/${id}`)).toBe(true);
        expect(routeMatches('GET /v1/customers/:id', 'GET', `/v1/customers/${id}/${other}`)).toBe(false);
        expect(routeMatches('GET /v1/*', 'GET', ['/v1', id, ...rest].join('/'))).toBe(true);
        expect(routeMatches(`GET /v1/${id}x`, 'GET', `/v1/${id}`)).toBe(false);
      }),
    );
  });
});
