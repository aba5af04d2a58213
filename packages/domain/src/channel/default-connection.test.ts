import { describe, expect, it } from 'vitest';
import { cspMarketOf, defaultConnectionFor } from './default-connection';

const connections = [
  { id: 'europe', region: 'ES' },
  { id: 'latam', region: 'MX' },
];

describe('the default connection follows the customer\'s market', () => {
  it('takes the connection registered in the customer\'s own country', () => {
    expect(defaultConnectionFor(connections, { country: 'MX' })?.id).toBe('latam');
    expect(defaultConnectionFor(connections, { country: 'es' })?.id).toBe('europe');
  });

  it('a Colombian or Chilean customer gets the Latin American connection, not the first one listed', () => {
    expect(defaultConnectionFor(connections, { country: 'CO', resellerCountry: 'CO' })?.id).toBe('latam');
    expect(defaultConnectionFor(connections, { country: 'CL', resellerCountry: 'MX' })?.id).toBe('latam');
    expect(defaultConnectionFor(connections, { country: 'DE' })?.id).toBe('europe');
  });

  it('falls back on the reseller\'s country or market, then on the first connection', () => {
    expect(defaultConnectionFor(connections, { country: 'JP', resellerCountry: 'PE' })?.id).toBe('latam');
    expect(defaultConnectionFor(connections, { country: null, resellerCountry: 'MX' })?.id).toBe('latam');
    expect(defaultConnectionFor(connections, { country: 'JP' })?.id).toBe('europe');
    expect(defaultConnectionFor([], { country: 'MX' })).toBeUndefined();
  });

  it('knows the markets of the countries the product serves', () => {
    expect(['MX', 'CO', 'CL', 'PE', 'AR', 'BR'].map(cspMarketOf)).toEqual(Array(6).fill('latam'));
    expect(['ES', 'PT', 'DE', 'GB'].map(cspMarketOf)).toEqual(Array(4).fill('europe'));
    expect(cspMarketOf('US')).toBe('north-america');
    expect(cspMarketOf('ZZ')).toBeNull();
  });
});
