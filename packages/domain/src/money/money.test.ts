import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMoney, applyMarginBasisPoints, formatMoney, minorDigits, money, multiplyMoney, parseMoney, sumMoney, toDecimalString } from './money';

describe('money', () => {
  it('knows each currency minor unit from Intl', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('CLP')).toBe(0);
    expect(() => minorDigits('EURO')).toThrow(/ISO 4217/);
  });

  it('parses decimals exactly, rounding digits past the minor unit half away from zero', () => {
    expect(parseMoney('USD', '12.5')).toEqual({ currency: 'USD', minor: 1250 });
    expect(parseMoney('USD', '72.0000')).toEqual({ currency: 'USD', minor: 7200 });
    expect(parseMoney('USD', '0.105')).toEqual({ currency: 'USD', minor: 11 });
    expect(parseMoney('USD', '0.1049')).toEqual({ currency: 'USD', minor: 10 });
    expect(parseMoney('CLP', '5990.5')).toEqual({ currency: 'CLP', minor: 5991 });
    expect(() => parseMoney('USD', '1e3')).toThrow(/decimal/);
  });

  it('0.1 + 0.2 is 0.3 (no binary floating point)', () => {
    expect(toDecimalString(addMoney(parseMoney('EUR', '0.1'), parseMoney('EUR', '0.2')))).toBe('0.30');
  });

  it('round-trips every amount through its decimal string', () => {
    fc.assert(
      fc.property(fc.constantFrom('USD', 'EUR', 'CLP', 'KWD'), fc.integer({ min: -1e12, max: 1e12 }), (currency, minor) => {
        const m = money(currency, minor);
        expect(parseMoney(currency, toDecimalString(m))).toEqual(m);
      }),
    );
  });

  it('formats per locale', () => {
    expect(formatMoney(money('EUR', 123456), 'es-ES')).toBe('1234,56\u00a0€');
    expect(formatMoney(money('EUR', 123456), 'en-US')).toBe('€1,234.56');
    expect(formatMoney(money('CLP', 5990), 'es-CL')).toMatch(/5\.990/);
  });

  it('a margin rounds half away from zero and never drifts more than half a minor unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: -9999, max: 100_000 }), (minor, bp) => {
        const out = applyMarginBasisPoints(money('USD', minor), bp).minor;
        const exactTimes10000 = minor * (10_000 + bp);
        expect(Math.abs(out * 10_000 - exactTimes10000)).toBeLessThanOrEqual(5_000);
      }),
    );
    expect(applyMarginBasisPoints(money('USD', 1), 5000).minor).toBe(2);
    expect(applyMarginBasisPoints(money('USD', -1), 5000).minor).toBe(-2);
  });

  it('totals are the sum of quantity × unit price, currencies never mixed', () => {
    expect(sumMoney('USD', [multiplyMoney(money('USD', 1250), 3), money('USD', 600)]).minor).toBe(4350);
    expect(() => addMoney(money('USD', 1), money('EUR', 1))).toThrow(/USD and EUR/);
    expect(() => money('USD', 0.5)).toThrow(/whole/);
  });
});
