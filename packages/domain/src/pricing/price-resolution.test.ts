import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMarginBasisPoints, money, type Money } from '../money/money';
import { isRuleValidOn, pickRule, priceRuleProblems, resolvePrice, visiblePrice, type PriceKey, type PriceRule, type PriceTerm } from './price-resolution';

const chain = { distributorId: 'd', resellerId: 'r1', customerId: 'c1' };
const terms: PriceTerm[] = [
  { duration: 'P1M', billing: 'monthly' },
  { duration: 'P1Y', billing: 'monthly' },
  { duration: 'P1Y', billing: 'annual' },
  { duration: 'P3Y', billing: 'annual' },
];
const key: PriceKey = { productId: 'P1', skuId: '0001', term: terms[2]!, currency: 'EUR' };
const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const microsoftPrice = fc.integer({ min: 0, max: 10_000_000 }).map((minor) => money('EUR', minor));

const rule = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  level: fc.constantFrom('reseller' as const, 'customer' as const),
  sellerId: fc.constantFrom('d', 'r1', 'r2'),
  buyerId: fc.option(fc.constantFrom('r1', 'r2', 'c1', 'c2'), { nil: undefined }),
  productId: fc.option(fc.constantFrom('P1', 'P2'), { nil: undefined }),
  skuId: fc.option(fc.constantFrom('0001', '0002'), { nil: undefined }),
  term: fc.option(fc.constantFrom(...terms), { nil: undefined }),
  currency: fc.constantFrom('EUR', 'USD'),
  validFrom: day,
  validTo: fc.option(day, { nil: undefined }),
  price: fc.oneof(
    fc.record({ kind: fc.constant('margin' as const), basisPoints: fc.integer({ min: -9_999, max: 50_000 }) }),
    fc.integer({ min: 0, max: 10_000_000 }).map((minor) => ({ kind: 'fixed' as const, amount: money('EUR', minor) })),
  ),
}).map((r): PriceRule => {
  const cleaned = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as PriceRule;
  // A SKU without its product is refused at entry (priceRuleProblems), so it never reaches resolution.
  if (cleaned.skuId !== undefined && cleaned.productId === undefined) delete cleaned.skuId;
  if (cleaned.price.kind === 'fixed') cleaned.price = { kind: 'fixed', amount: money(cleaned.currency, cleaned.price.amount.minor) };
  return cleaned;
});

const priceOf = (r: PriceRule, ms: Money) => (r.price.kind === 'fixed' ? r.price.amount : applyMarginBasisPoints(ms, r.price.basisPoints));

describe('price resolution', () => {
  it('without rules every level sells at its cost', () => {
    fc.assert(
      fc.property(microsoftPrice, day, (ms, d) => {
        const p = resolvePrice([], chain, key, ms, d);
        expect(p.resellerCost).toEqual(ms);
        expect(p.customerPrice).toEqual(ms);
      }),
    );
  });

  it('a price always comes from a rule in force, for this seller, buyer, currency, SKU and term, or passes through', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 12 }), microsoftPrice, day, (rules, ms, d) => {
        const p = resolvePrice(rules, chain, key, ms, d);
        const used = rules.find((r) => r.id === p.resellerRuleId && p.resellerRuleId !== undefined);
        if (p.resellerRuleId === undefined) expect(p.resellerCost).toEqual(ms);
        else {
          const r = pickRule(rules, 'reseller', 'd', 'r1', key, d)!;
          expect(r.sellerId).toBe('d');
          expect(r.level).toBe('reseller');
          expect(r.buyerId === undefined || r.buyerId === 'r1').toBe(true);
          expect(r.currency).toBe('EUR');
          expect(isRuleValidOn(r, d)).toBe(true);
          expect(r.productId === undefined || r.productId === 'P1').toBe(true);
          expect(r.skuId === undefined || r.skuId === '0001').toBe(true);
          expect(r.term === undefined || (r.term.duration === 'P1Y' && r.term.billing === 'annual')).toBe(true);
          expect(p.resellerCost).toEqual(priceOf(r, ms));
          expect(used).toBeDefined();
        }
        if (p.customerRuleId === undefined) expect(p.customerPrice).toEqual(p.resellerCost);
        else {
          const r = pickRule(rules, 'customer', 'r1', 'c1', key, d)!;
          expect(r.sellerId).toBe('r1');
          expect(p.customerPrice).toEqual(priceOf(r, ms));
        }
        // Prices stay in the key's currency and in whole minor units.
        for (const m of [p.resellerCost, p.customerPrice!]) {
          expect(m.currency).toBe('EUR');
          expect(Number.isSafeInteger(m.minor)).toBe(true);
        }
      }),
    );
  });

  it("a buyer's override beats the seller's default, whatever the order of the list", () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 8 }), fc.integer({ min: 0, max: 10_000 }), microsoftPrice, (others, bp, ms) => {
        const override: PriceRule = { id: 'zz-override', level: 'customer', sellerId: 'r1', buyerId: 'c1', productId: 'P1', skuId: '0001', term: key.term, currency: 'EUR', validFrom: '2026-01-01', price: { kind: 'margin', basisPoints: bp } };
        const rules = [...others.filter((r) => !(r.buyerId === 'c1' && r.skuId === '0001' && r.term)), override];
        for (const list of [rules, [...rules].reverse()]) {
          const p = resolvePrice(list, chain, key, ms, '2026-06-01');
          expect(p.customerRuleId).toBe('zz-override');
          expect(p.customerPrice).toEqual(applyMarginBasisPoints(ms, bp));
        }
      }),
    );
  });

  it("a reseller's rules never price a sibling's customers, and another currency's rules never apply", () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 12 }), microsoftPrice, day, (rules, ms, d) => {
        const foreign = rules.filter((r) => (r.level === 'customer' && r.sellerId !== 'r1') || r.currency !== 'EUR' || (r.level === 'reseller' && r.sellerId !== 'd'));
        const p = resolvePrice(foreign, chain, key, ms, d);
        expect(p.resellerRuleId).toBeUndefined();
        expect(p.customerRuleId).toBeUndefined();
      }),
    );
  });

  it('validity: a rule applies from validFrom inclusive to validTo exclusive', () => {
    const r: PriceRule = { id: 'a', level: 'reseller', sellerId: 'd', currency: 'EUR', validFrom: '2026-03-01', validTo: '2026-04-01', price: { kind: 'margin', basisPoints: 1000 } };
    const ms = money('EUR', 1000);
    expect(resolvePrice([r], chain, key, ms, '2026-02-28').resellerCost.minor).toBe(1000);
    expect(resolvePrice([r], chain, key, ms, '2026-03-01').resellerCost.minor).toBe(1100);
    expect(resolvePrice([r], chain, key, ms, '2026-03-31').resellerCost.minor).toBe(1100);
    expect(resolvePrice([r], chain, key, ms, '2026-04-01').resellerCost.minor).toBe(1000);
  });

  it('among equally specific rules the latest validFrom wins', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (a, b, bpA, bpB) => {
        fc.pre(a !== b);
        const rules: PriceRule[] = [
          { id: 'a', level: 'reseller', sellerId: 'd', currency: 'EUR', validFrom: a, price: { kind: 'margin', basisPoints: bpA } },
          { id: 'b', level: 'reseller', sellerId: 'd', currency: 'EUR', validFrom: b, price: { kind: 'margin', basisPoints: bpB } },
        ];
        const later = a > b ? 'a' : 'b';
        expect(resolvePrice(rules, chain, key, money('EUR', 999), '2030-01-01').resellerRuleId).toBe(later);
      }),
    );
  });

  it('nobody sees a price above their own level', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), microsoftPrice, day, (rules, ms, d) => {
        const p = resolvePrice(rules, chain, key, ms, d);
        expect(Object.keys(visiblePrice(p, 'customer')).sort()).toEqual(['currency', 'customerPrice']);
        expect(Object.keys(visiblePrice(p, 'reseller')).sort()).toEqual(['currency', 'customerPrice', 'resellerCost']);
        expect(visiblePrice(p, 'distributor').distributorCost).toEqual(ms);
      }),
    );
  });

  it('flags a price below the seller cost and refuses inconsistent rules', () => {
    const p = resolvePrice(
      [{ id: 'x', level: 'customer', sellerId: 'r1', currency: 'EUR', validFrom: '2026-01-01', price: { kind: 'fixed', amount: money('EUR', 500) } }],
      chain,
      key,
      money('EUR', 1000),
      '2026-06-01',
    );
    expect(p.belowCost).toEqual({ reseller: false, customer: true });
    expect(
      priceRuleProblems({ level: 'reseller', sellerId: 'd', skuId: '0001', currency: 'USD', validFrom: '2026-02-01', validTo: '2026-01-01', price: { kind: 'fixed', amount: money('EUR', -1) } }).map((x) => x.field),
    ).toEqual(['validTo', 'skuId', 'currency', 'price']);
  });
});
