import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { money } from '../money/money';
import { endOfTerm, extendedServiceTermPrice } from './end-of-term';

const base = { status: 'active', autoRenew: true, catalogItemId: 'P:0001:PAV01', quantity: 10, termDuration: 'P1Y', billingCycle: 'monthly', startsAt: '2026-06-01T00:00:00Z', termEndsAt: '2027-06-01T00:00:00Z' };

describe('end of term', () => {
  it('renews with the same term, or with the changes scheduled for it', () => {
    expect(endOfTerm(base)).toEqual({ outcome: 'renew', at: base.termEndsAt, next: { catalogItemId: 'P:0001:PAV01', quantity: 10, termDuration: 'P1Y', billingCycle: 'monthly' }, changed: false });
    const next = { catalogItemId: 'P:0001:PAV01', quantity: 12, termDuration: 'P1M', billingCycle: 'monthly' };
    expect(endOfTerm({ ...base, scheduledNextTerm: next })).toMatchObject({ outcome: 'renew', next, changed: true });
  });

  it('without auto-renew: the paid Extended Service Term for terms ending from 4 May 2026, a lapse before', () => {
    expect(endOfTerm({ ...base, autoRenew: false }).outcome).toBe('extended_service_term');
    expect(endOfTerm({ ...base, autoRenew: false, startsAt: '2025-04-15T00:00:00Z', termEndsAt: '2026-04-15T00:00:00Z' }).outcome).toBe('expire');
    expect(endOfTerm({ ...base, autoRenew: false, startsAt: '2025-03-01T00:00:00Z', termEndsAt: '2026-06-01T00:00:00Z' }).outcome).toBe('expire');
  });

  it('cancelled at term end when a cancellation is scheduled', () => {
    expect(endOfTerm({ ...base, autoRenew: false, cancelAtTermEnd: true }).outcome).toBe('cancel');
  });

  it('nothing for a cancelled or expired subscription', () => {
    expect(endOfTerm({ ...base, status: 'deleted' }).outcome).toBe('none');
  });
});

describe('the Extended Service Term price', () => {
  const currencies = fc.constantFrom('USD', 'EUR', 'CLP', 'KWD');
  it('is the monthly term plus 3 %, exact to the minor unit (rounded half away from zero), whatever the longer term costs', () => {
    fc.assert(
      fc.property(currencies, fc.integer({ min: 0, max: 1e9 }), fc.option(fc.integer({ min: 0, max: 1e9 })), (currency, minor, longer) => {
        const price = extendedServiceTermPrice({ monthlyTerm: money(currency, minor), longerTermMonthlyBilled: longer === null ? undefined : money(currency, longer) });
        // 103 % of minor, rounded half up (non-negative): floor((minor * 103 * 2 + 100) / 200)
        expect(price).toEqual(money(currency, Math.floor((minor * 206 + 100) / 200)));
        expect(price!.minor).toBeGreaterThanOrEqual(minor);
      }),
    );
  });

  it('without a monthly term: the longer term billed monthly plus 23 %; nothing without either', () => {
    fc.assert(
      fc.property(currencies, fc.integer({ min: 0, max: 1e9 }), (currency, minor) => {
        expect(extendedServiceTermPrice({ longerTermMonthlyBilled: money(currency, minor) })).toEqual(money(currency, Math.floor((minor * 246 + 100) / 200)));
      }),
    );
    expect(extendedServiceTermPrice({})).toBeUndefined();
    expect(extendedServiceTermPrice({ monthlyTerm: money('USD', 1000) })).toEqual(money('USD', 1030));
    expect(extendedServiceTermPrice({ longerTermMonthlyBilled: money('USD', 1050) })).toEqual(money('USD', 1292)); // 1291.5 rounds up
  });
});
