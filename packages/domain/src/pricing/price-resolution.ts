import { applyMarginBasisPoints, compareMoney, type Money } from '../money/money';

/** A purchasable term: its length and how often it is billed (Microsoft's price sheet `TermDuration`, `BillingPlan`). */
export interface PriceTerm {
  duration: 'P1M' | 'P1Y' | 'P3Y';
  billing: 'monthly' | 'annual';
}

/** What a price is for: a SKU (`productId:skuId`) on a term, in one currency. */
export interface PriceKey {
  productId: string;
  skuId: string;
  term: PriceTerm;
  currency: string;
}

/** The two sales in the channel that carry a price of our own. */
export type PriceLevel = 'reseller' | 'customer';

/**
 * One line of a price list. The seller is the distributor (level `reseller`: its price to resellers)
 * or a reseller (level `customer`: its price to customers). `buyerId` absent = the seller's default
 * for every buyer; present = an override for that buyer. `productId`/`skuId` absent = every SKU;
 * `term` absent = every term. Valid from `validFrom` (inclusive) to `validTo` (exclusive), both
 * `YYYY-MM-DD` in UTC.
 */
export interface PriceRule {
  id: string;
  level: PriceLevel;
  sellerId: string;
  buyerId?: string;
  productId?: string;
  skuId?: string;
  term?: PriceTerm;
  currency: string;
  validFrom: string;
  validTo?: string;
  /** A margin over Microsoft's price in basis points (1500 = 15 %), or a fixed price per unit and billing period. */
  price: { kind: 'margin'; basisPoints: number } | { kind: 'fixed'; amount: Money };
}

export interface RuleProblem {
  field: 'currency' | 'validTo' | 'price' | 'skuId';
  reason: string;
}

/** What is wrong with a rule before it is stored (none when it is usable). */
export function priceRuleProblems(rule: Omit<PriceRule, 'id'>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (rule.validTo !== undefined && rule.validTo <= rule.validFrom) problems.push({ field: 'validTo', reason: 'must be after validFrom' });
  if (rule.skuId !== undefined && rule.productId === undefined) problems.push({ field: 'skuId', reason: 'a SKU needs its product' });
  if (rule.price.kind === 'fixed') {
    if (rule.price.amount.currency !== rule.currency) problems.push({ field: 'currency', reason: 'the fixed price is in another currency' });
    if (rule.price.amount.minor < 0) problems.push({ field: 'price', reason: 'a price cannot be negative' });
  } else if (!Number.isSafeInteger(rule.price.basisPoints) || rule.price.basisPoints <= -10_000 || rule.price.basisPoints > 1_000_000) {
    problems.push({ field: 'price', reason: 'a margin is whole basis points above -10000 and at most 1000000' });
  }
  return problems;
}

/** Whether `rule` is in force on `day` (`YYYY-MM-DD`). */
export function isRuleValidOn(rule: Pick<PriceRule, 'validFrom' | 'validTo'>, day: string): boolean {
  return rule.validFrom <= day && (rule.validTo === undefined || day < rule.validTo);
}

function sameTerm(a: PriceTerm, b: PriceTerm): boolean {
  return a.duration === b.duration && a.billing === b.billing;
}

/**
 * How specific a rule is for `key`, or undefined when it does not apply. A buyer's override beats
 * the seller's default; within each, a SKU beats a product, which beats every product, and a term
 * beats every term.
 */
function specificity(rule: PriceRule, key: PriceKey): number | undefined {
  if (rule.currency !== key.currency) return undefined;
  if (rule.productId !== undefined && rule.productId !== key.productId) return undefined;
  if (rule.skuId !== undefined && rule.skuId !== key.skuId) return undefined;
  if (rule.term !== undefined && !sameTerm(rule.term, key.term)) return undefined;
  return (rule.buyerId !== undefined ? 8 : 0) + (rule.skuId !== undefined ? 4 : rule.productId !== undefined ? 2 : 0) + (rule.term !== undefined ? 1 : 0);
}

/**
 * The rule that sets `buyerId`'s price from `sellerId` for `key` on `day`: the most specific in
 * force; among equally specific ones the latest `validFrom`, then the greatest id (a stable choice).
 */
export function pickRule(rules: readonly PriceRule[], level: PriceLevel, sellerId: string, buyerId: string, key: PriceKey, day: string): PriceRule | undefined {
  let best: { rule: PriceRule; score: number } | undefined;
  for (const rule of rules) {
    if (rule.level !== level || rule.sellerId !== sellerId) continue;
    if (rule.buyerId !== undefined && rule.buyerId !== buyerId) continue;
    if (!isRuleValidOn(rule, day)) continue;
    const score = specificity(rule, key);
    if (score === undefined) continue;
    if (
      !best ||
      score > best.score ||
      (score === best.score && (rule.validFrom > best.rule.validFrom || (rule.validFrom === best.rule.validFrom && rule.id > best.rule.id)))
    ) {
      best = { rule, score };
    }
  }
  return best?.rule;
}

function priced(rule: PriceRule | undefined, microsoft: Money, below: Money): Money {
  if (!rule) return below;
  return rule.price.kind === 'fixed' ? rule.price.amount : applyMarginBasisPoints(microsoft, rule.price.basisPoints);
}

/** Who is selling to whom for one price: the distributor, the reseller and the customer. */
export interface PriceChain {
  distributorId: string;
  resellerId: string;
  customerId?: string;
}

export interface ResolvedPrice {
  key: PriceKey;
  /** Microsoft's price to the distributor (the price sheet's `UnitPrice`): the distributor's cost. */
  distributorCost: Money;
  /** The distributor's price to the reseller: the reseller's cost. */
  resellerCost: Money;
  /** The reseller's price to the customer; absent when no customer is named. */
  customerPrice?: Money;
  /** The rules used (absent = no rule, the price passes through unchanged from the level below). */
  resellerRuleId?: string;
  customerRuleId?: string;
  /** A price set below the seller's own cost (a fixed price or a negative margin): shown as a warning. */
  belowCost: { reseller: boolean; customer: boolean };
}

/**
 * The prices of `key` along `chain` on `day`, from Microsoft's price (in `key.currency`). A level
 * without a rule sells at its own cost.
 */
export function resolvePrice(rules: readonly PriceRule[], chain: PriceChain, key: PriceKey, microsoft: Money, day: string): ResolvedPrice {
  if (microsoft.currency !== key.currency) throw new RangeError(`Microsoft's price is in ${microsoft.currency}, not ${key.currency}`);
  const resellerRule = pickRule(rules, 'reseller', chain.distributorId, chain.resellerId, key, day);
  const resellerCost = priced(resellerRule, microsoft, microsoft);
  const customerRule = chain.customerId === undefined ? undefined : pickRule(rules, 'customer', chain.resellerId, chain.customerId, key, day);
  const customerPrice = chain.customerId === undefined ? undefined : priced(customerRule, microsoft, resellerCost);
  return {
    key,
    distributorCost: microsoft,
    resellerCost,
    ...(customerPrice ? { customerPrice } : {}),
    ...(resellerRule ? { resellerRuleId: resellerRule.id } : {}),
    ...(customerRule ? { customerRuleId: customerRule.id } : {}),
    belowCost: {
      reseller: compareMoney(resellerCost, microsoft) < 0,
      customer: customerPrice !== undefined && compareMoney(customerPrice, resellerCost) < 0,
    },
  };
}

/** Where the viewer sits: nobody sees a price above (cheaper than) their own. */
export type PriceViewer = 'distributor' | 'reseller' | 'customer';

export interface VisiblePrice {
  currency: string;
  distributorCost?: Money;
  resellerCost?: Money;
  customerPrice?: Money;
}

/** The part of a resolved price `viewer` may see. */
export function visiblePrice(resolved: ResolvedPrice, viewer: PriceViewer): VisiblePrice {
  const base = { currency: resolved.key.currency, ...(resolved.customerPrice ? { customerPrice: resolved.customerPrice } : {}) };
  if (viewer === 'customer') return base;
  if (viewer === 'reseller') return { ...base, resellerCost: resolved.resellerCost };
  return { ...base, resellerCost: resolved.resellerCost, distributorCost: resolved.distributorCost };
}
