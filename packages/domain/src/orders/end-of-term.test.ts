import { describe, expect, it } from 'vitest';
import { endOfTerm } from './end-of-term';

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
