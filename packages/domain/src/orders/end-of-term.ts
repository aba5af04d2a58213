import { applyMarginBasisPoints, type Money } from '../money/money';

/**
 * What happens to a new-commerce subscription when its term ends. Since 4 May 2026 a subscription
 * bought or renewed from 1 April 2025 that ends with auto-renew off no longer lapses into a free
 * grace period: it runs on in the paid Extended Service Term, month to month, at the monthly-term
 * price plus 3 % (plus 23 % over the monthly-billed price of the longer term when the SKU has no
 * monthly term), until it is cancelled (docs/EMULATOR-DIFFERENCES.md, "End of term").
 */
export const EXTENDED_SERVICE_TERM = {
  eligibleTermStart: '2025-04-01T00:00:00.000Z',
  from: '2026-05-04T00:00:00.000Z',
  upliftBasisPoints: 300,
  upliftWithoutMonthlyTermBasisPoints: 2300,
} as const;

/** The next term as it will start: its catalog item, seats, term and billing. */
export interface NextTermPlan {
  catalogItemId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
}

/** What the end of a term brings, when it brings anything ('none': no term end ahead). */
export const END_OF_TERM_OUTCOMES = ['renew', 'cancel', 'extended_service_term', 'expire'] as const;
export type EndOfTermOutcome = (typeof END_OF_TERM_OUTCOMES)[number] | 'none';

export interface EndOfTerm {
  outcome: EndOfTermOutcome;
  /** When the current term ends (the outcome's date). */
  at: string;
  /** For `renew`: the next term (the scheduled changes, or the current term again). */
  next: NextTermPlan | null;
  /** Whether changes are scheduled for the renewal (Microsoft's scheduled next-term instructions). */
  changed: boolean;
}

/** What the subscription's term end brings, from what Partner Center reports of it. */
export function endOfTerm(sub: {
  status: string;
  autoRenew: boolean;
  catalogItemId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  startsAt: string;
  termEndsAt: string;
  scheduledNextTerm?: NextTermPlan | undefined;
  /** A cancellation is scheduled at the term's end (auto-renew off). */
  cancelAtTermEnd?: boolean | undefined;
}): EndOfTerm {
  const at = sub.termEndsAt;
  if (sub.status !== 'active' && sub.status !== 'suspended') return { outcome: 'none', at, next: null, changed: false };
  if (sub.autoRenew && sub.status === 'active') {
    const next = sub.scheduledNextTerm ?? { catalogItemId: sub.catalogItemId, quantity: sub.quantity, termDuration: sub.termDuration, billingCycle: sub.billingCycle };
    return { outcome: 'renew', at, next, changed: sub.scheduledNextTerm !== undefined };
  }
  if (sub.cancelAtTermEnd) return { outcome: 'cancel', at, next: null, changed: false };
  const eligible =
    sub.status === 'active' && Date.parse(sub.startsAt) >= Date.parse(EXTENDED_SERVICE_TERM.eligibleTermStart) && Date.parse(sub.termEndsAt) >= Date.parse(EXTENDED_SERVICE_TERM.from);
  return { outcome: eligible ? 'extended_service_term' : 'expire', at, next: null, changed: false };
}

/** One level's monthly price per licence of a SKU, by term (as the month's price sheet resolves it). */
export interface EstPriceBasis {
  /** The monthly term's price (P1M billed monthly), when the SKU has one. */
  monthlyTerm?: Money | undefined;
  /** The longer term's monthly-billed price (P1Y billed monthly), used when there is no monthly term. */
  longerTermMonthlyBilled?: Money | undefined;
}

/**
 * The Extended Service Term's price per licence and month at one level: the monthly term's price
 * plus 3 %, or, for a SKU without a monthly term, the longer term's monthly-billed price plus 23 %;
 * undefined when the sheet has neither. Rounded half away from zero to the minor unit.
 */
export function extendedServiceTermPrice(basis: EstPriceBasis): Money | undefined {
  if (basis.monthlyTerm !== undefined) return applyMarginBasisPoints(basis.monthlyTerm, EXTENDED_SERVICE_TERM.upliftBasisPoints);
  if (basis.longerTermMonthlyBilled !== undefined) return applyMarginBasisPoints(basis.longerTermMonthlyBilled, EXTENDED_SERVICE_TERM.upliftWithoutMonthlyTermBasisPoints);
  return undefined;
}
