import { describe, expect, it } from 'vitest';
import { normalizeCustomerDomain } from './verify-authorization';

describe('normalizeCustomerDomain', () => {
  it('turns a bare prefix into its onmicrosoft.com domain and keeps custom domains', () => {
    expect(normalizeCustomerDomain(' Contoso ')).toBe('contoso.onmicrosoft.com');
    expect(normalizeCustomerDomain('Fabrikam.COM.')).toBe('fabrikam.com');
    expect(normalizeCustomerDomain('tailspintoys.co.uk')).toBe('tailspintoys.co.uk');
  });

  it('refuses what cannot be a domain', () => {
    expect(normalizeCustomerDomain('not a domain')).toBeUndefined();
    expect(normalizeCustomerDomain('http://contoso.com')).toBeUndefined();
    expect(normalizeCustomerDomain('')).toBeUndefined();
  });
});
