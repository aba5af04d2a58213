import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NCE_WINDOW_MS, cancellationWindow, isWindowClosingSoon } from './cancellation-window';
import { checkMoveOrder, currentMoveStep } from './move-from-partner';
import { explainSubscriptionRefusal } from './microsoft-refusal';
import { checkOrderLines, type OrderableSku } from './order-lines';
import { friendlyNameWithReference, orderReferenceOf, referenceInFriendlyName } from './order-reference';
import { orderStatusFromMicrosoft } from './order-status';
import { partnerOfRecord } from './partner-of-record';
import { isQuantityAllowed, quantityProblem } from './seat-quantity';
import { actionOfChange, planSubscriptionActions, SUBSCRIPTION_STATUSES, type SubscriptionFacts } from './subscription-actions';
import { termExpiry } from './term-expiry';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t0 = new Date('2026-03-01T10:00:00Z');
const arbBounds = fc.integer({ min: 1, max: 50 }).chain((min) => fc.integer({ min, max: 10_000 }).map((max) => ({ minimum: min, maximum: max })));

describe('seat quantity', () => {
  it('allows exactly the whole numbers within the SKU bounds', () => {
    fc.assert(
      fc.property(arbBounds, fc.integer({ min: -100, max: 20_000 }), (bounds, q) => isQuantityAllowed(q, bounds) === (q >= bounds.minimum && q <= bounds.maximum)),
    );
  });
  it('names the side that is out of range, and refuses fractions', () => {
    expect(quantityProblem(0, { minimum: 1, maximum: 300 })).toBe('below_minimum');
    expect(quantityProblem(301, { minimum: 1, maximum: 300 })).toBe('above_maximum');
    expect(quantityProblem(2.5, { minimum: 1, maximum: 300 })).toBe('not_a_whole_number');
  });
});

describe('the 168-hour window', () => {
  it('is open for 168 hours after the term starts and closed from then on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 * DAY }), (elapsed) => {
        const w = cancellationWindow({ termStartedAt: t0 }, new Date(t0.getTime() + elapsed));
        return w.isOpen === elapsed < NCE_WINDOW_MS && w.msLeft === Math.max(0, NCE_WINDOW_MS - elapsed);
      }),
    );
  });
  it('shows whole hours left, never more than 168 and never negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -DAY, max: 30 * DAY }), (elapsed) => {
        const w = cancellationWindow({ termStartedAt: t0 }, new Date(t0.getTime() + elapsed));
        return w.hoursLeft >= 0 && w.hoursLeft <= 168 + 24;
      }),
    );
    expect(cancellationWindow({ termStartedAt: t0 }, new Date(t0.getTime() + 8 * DAY)).isOpen).toBe(false);
    expect(cancellationWindow({ termStartedAt: t0 }, new Date(t0.getTime() + 2 * HOUR)).hoursLeft).toBe(166);
  });
  it("takes Microsoft's cancellationAllowedUntil over the computed end", () => {
    const until = new Date(t0.getTime() + 2 * DAY);
    const w = cancellationWindow({ termStartedAt: t0, cancellationAllowedUntil: until }, new Date(t0.getTime() + 3 * DAY));
    expect(w.isOpen).toBe(false);
    expect(w.endsAt).toEqual(until);
  });
  it('is "closing soon" only inside its last 24 hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * DAY }), (elapsed) => {
        const w = cancellationWindow({ termStartedAt: t0 }, new Date(t0.getTime() + elapsed));
        return isWindowClosingSoon(w) === (elapsed < NCE_WINDOW_MS && elapsed >= NCE_WINDOW_MS - DAY);
      }),
    );
  });
});

const arbFacts: fc.Arbitrary<SubscriptionFacts> = fc.record({
  status: fc.constantFrom(...SUBSCRIPTION_STATUSES),
  quantity: fc.integer({ min: 1, max: 400 }),
  autoRenew: fc.boolean(),
  isTrial: fc.boolean(),
  isOurs: fc.boolean(),
  termStartedAt: fc.constant(t0),
  cancellationAllowedUntil: fc.constant(undefined),
  bounds: fc.constant({ minimum: 1, maximum: 300 }),
});

describe('allowed subscription actions', () => {
  it('never allows reducing or cancelling once the window has closed', () => {
    fc.assert(
      fc.property(arbFacts, fc.integer({ min: NCE_WINDOW_MS, max: 400 * DAY }), (facts, elapsed) => {
        const plan = planSubscriptionActions(facts, new Date(t0.getTime() + elapsed));
        return !plan.decisions.reduce_seats.allowed && !plan.decisions.cancel.allowed;
      }),
    );
  });
  it('never allows anything on another partner’s subscription', () => {
    fc.assert(
      fc.property(arbFacts, fc.integer({ min: 0, max: 30 * DAY }), (facts, elapsed) => {
        const plan = planSubscriptionActions({ ...facts, isOurs: false }, new Date(t0.getTime() + elapsed));
        return Object.values(plan.decisions).every((d) => !d.allowed && d.reason === 'not_ours');
      }),
    );
  });
  it('allows nothing on an expired, disabled, deleted or pending subscription', () => {
    fc.assert(
      fc.property(arbFacts, fc.constantFrom('expired', 'disabled', 'deleted', 'pending', 'none' as const), (facts, status) =>
        Object.values(planSubscriptionActions({ ...facts, status }, t0).decisions).every((d) => !d.allowed),
      ),
    );
  });
  it('lets an active subscription of ours be reduced inside the window and says why not afterwards', () => {
    const facts: SubscriptionFacts = { status: 'active', quantity: 10, autoRenew: true, isTrial: false, isOurs: true, termStartedAt: t0, bounds: { minimum: 1, maximum: 300 } };
    expect(planSubscriptionActions(facts, new Date(t0.getTime() + DAY)).decisions.reduce_seats).toEqual({ action: 'reduce_seats', allowed: true });
    expect(planSubscriptionActions(facts, new Date(t0.getTime() + 8 * DAY)).decisions.reduce_seats).toEqual({ action: 'reduce_seats', allowed: false, reason: 'window_closed' });
    expect(planSubscriptionActions(facts, new Date(t0.getTime() + 8 * DAY)).decisions.add_seats.allowed).toBe(true);
  });
  it('suspends only active ones and reactivates only suspended ones', () => {
    fc.assert(
      fc.property(arbFacts, (facts) => {
        const d = planSubscriptionActions({ ...facts, isOurs: true }, t0).decisions;
        return d.suspend.allowed === (facts.status === 'active') && d.reactivate.allowed === (facts.status === 'suspended');
      }),
    );
  });
  it('offers exactly one of auto-renew on/off for a live subscription', () => {
    fc.assert(
      fc.property(arbFacts, (facts) => {
        const d = planSubscriptionActions({ ...facts, isOurs: true, status: 'active' }, t0).decisions;
        return d.enable_auto_renew.allowed !== d.disable_auto_renew.allowed;
      }),
    );
  });
  it('reads a requested change as the action it amounts to', () => {
    expect(actionOfChange({ quantity: 10 }, { quantity: 8 })).toBe('reduce_seats');
    expect(actionOfChange({ quantity: 10 }, { quantity: 12 })).toBe('add_seats');
    expect(actionOfChange({ quantity: 10 }, { quantity: 10 })).toBeUndefined();
    expect(actionOfChange({ quantity: 10 }, { status: 'deleted' })).toBe('cancel');
    expect(actionOfChange({ quantity: 10 }, { autoRenew: false })).toBe('disable_auto_renew');
  });
});

describe('order status from Microsoft', () => {
  it('is fulfilled only when completed and every line has its subscription', () => {
    expect(orderStatusFromMicrosoft('completed', [{ subscriptionId: 'a' }, { subscriptionId: 'b' }])).toBe('fulfilled');
    expect(orderStatusFromMicrosoft('completed', [{ subscriptionId: 'a' }, {}])).toBe('in_progress');
    expect(orderStatusFromMicrosoft('pending', [{ subscriptionId: 'a' }])).toBe('in_progress');
    expect(orderStatusFromMicrosoft('partial success', [{}])).toBe('failed');
    expect(orderStatusFromMicrosoft('error', [])).toBe('failed');
  });
});

describe('partner of record', () => {
  it('is required on indirect connections and never the provider itself', () => {
    expect(partnerOfRecord({ connectionKind: 'indirect-provider', resellerPartnerId: '' })).toEqual({ ok: false, problem: 'reseller_partner_id_missing' });
    expect(partnerOfRecord({ connectionKind: 'indirect-provider', resellerPartnerId: '5100001', providerPartnerId: '5100001' })).toEqual({ ok: false, problem: 'provider_partner_id' });
    expect(partnerOfRecord({ connectionKind: 'indirect-provider', resellerPartnerId: ' 6100001 ' })).toEqual({ ok: true, partnerId: '6100001' });
    expect(partnerOfRecord({ connectionKind: 'direct-bill', resellerPartnerId: '6100001' })).toEqual({ ok: true, partnerId: undefined });
  });
});

describe('order lines', () => {
  const sku: OrderableSku = { bounds: { minimum: 1, maximum: 300 }, terms: [{ duration: 'P1Y', billingCycle: 'monthly' }], isPurchasable: true };
  const skuOf = (id: string) => (id === 'P:S:A' ? sku : undefined);
  it('accepts a valid line and names each problem otherwise', () => {
    expect(checkOrderLines([{ catalogItemId: 'P:S:A', quantity: 10, termDuration: 'P1Y', billingCycle: 'monthly' }], skuOf)).toEqual({ ok: true, problems: [] });
    const r = checkOrderLines(
      [
        { catalogItemId: 'X:Y:Z', quantity: 1, termDuration: 'P1Y', billingCycle: 'monthly' },
        { catalogItemId: 'P:S:A', quantity: 1, termDuration: 'P1M', billingCycle: 'monthly' },
        { catalogItemId: 'P:S:A', quantity: 0, termDuration: 'P1Y', billingCycle: 'monthly' },
        { catalogItemId: 'p:s:a', quantity: 3, termDuration: 'P1Y', billingCycle: 'Monthly' },
      ],
      skuOf,
    );
    expect(r.problems.map((p) => p.problem)).toEqual(['unknown_item', 'term_not_offered', 'below_minimum', 'duplicate_line']);
    expect(checkOrderLines([], skuOf).ok).toBe(false);
  });
});

describe('order reference', () => {
  it('survives the friendly name whatever the title', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ maxLength: 120 }), (id, title) => {
        const ref = orderReferenceOf(id);
        const name = friendlyNameWithReference(title, ref);
        return name.length <= 50 && referenceInFriendlyName(name) === ref;
      }),
    );
  });
});

describe('term expiry and moving from another partner', () => {
  it('warns in the last 30 days only', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * DAY, max: 400 * DAY }), (left) => {
        const e = termExpiry(new Date(t0.getTime() + left), t0);
        return e.isNear === (left > 0 && left <= 30 * DAY) && e.isExpired === left <= 0;
      }),
    );
  });
  it('asks for at least the current and the assigned seats before expiry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 }), (quantity, assigned, ordered) => {
        const c = checkMoveOrder({ quantity, assigned, termEndsAt: new Date(t0.getTime() + 60 * DAY), autoRenew: true }, ordered, t0);
        return c.ok === (ordered >= Math.max(quantity, assigned)) && c.minimumQuantity === Math.max(quantity, assigned);
      }),
    );
    expect(checkMoveOrder({ quantity: 5, assigned: 5, termEndsAt: t0, autoRenew: false }, 5, t0).problems).toEqual(['old_expired']);
  });
  it('walks the guided path in order', () => {
    const base = { reviewed: true, replacementOrdered: true, replacementActive: true, samePackage: true, usersStillOnOldOnly: 3, oldRetiredOrNotRenewing: false };
    expect(currentMoveStep({ ...base, reviewed: false })).toBe('review_current');
    expect(currentMoveStep({ ...base, replacementOrdered: false })).toBe('order_replacement');
    expect(currentMoveStep({ ...base, replacementActive: false })).toBe('verify_both');
    expect(currentMoveStep({ ...base, samePackage: false })).toBe('assign_licenses');
    expect(currentMoveStep(base)).toBe('retire_old');
    expect(currentMoveStep({ ...base, oldRetiredOrNotRenewing: true })).toBe('done');
  });
});

describe("Microsoft's refusals", () => {
  it('explains the window code as a closed window', () => {
    expect(explainSubscriptionRefusal('NCE_WINDOW_PASSED')).toBe('window_closed');
    expect(explainSubscriptionRefusal('SOMETHING_NEW')).toBe('other');
  });
});

describe('catalog grouping', () => {
  it('groups by family and searches without case or accents', async () => {
    const { productGroupOf, catalogCategoryOf, matchesCatalogSearch, isCatalogStale } = await import('./catalog-grouping');
    expect(productGroupOf('Microsoft 365 Business Basic')).toBe('Microsoft 365');
    expect(productGroupOf('Exchange Online (Plan 1)')).toBe('Exchange Online');
    expect(productGroupOf('Contoso Widget Pro')).toBe('Contoso Widget');
    expect(catalogCategoryOf('OnlineServicesNCE')).toBe('Online services');
    expect(matchesCatalogSearch('busínes BASIC', ['Microsoft 365 Business Basic'])).toBe(true);
    expect(matchesCatalogSearch('premium', ['Microsoft 365 Business Basic'])).toBe(false);
    fc.assert(fc.property(fc.integer({ min: 0, max: 48 * HOUR }), (age) => isCatalogStale(new Date(t0.getTime() - age), t0) === age >= 24 * HOUR));
    expect(isCatalogStale(null, t0)).toBe(true);
  });
});
