import { endOfTerm, isWindowClosingSoon, planSubscriptionActions, termExpiry, type EndOfTerm, type SeatBounds, type SubscriptionAction, type SubscriptionStatus } from '@csphub/domain';
import type { Subscription } from '@csphub/partner-center';
import type { LinkedTenant } from './linked-tenants';

/** A subscription as the API and the UI show it, with what can be done to it now. */
export interface SubscriptionView {
  id: string;
  connectionId: string;
  customerTenantId: string;
  catalogItemId: string;
  productName: string;
  friendlyName: string;
  quantity: number;
  /** Licenses assigned to users, when the tenant's licenses are visible (GDAP). */
  assigned: number | null;
  status: SubscriptionStatus;
  termDuration: string;
  billingCycle: string;
  startsAt: string;
  termEndsAt: string;
  autoRenew: boolean;
  isTrial: boolean;
  /** The reseller Partner ID on record, if any. */
  partnerOfRecord: string | null;
  orderId: string | null;
  /** The 168-hour reduce/cancel window. */
  window: { endsAt: string; isOpen: boolean; hoursLeft: number; closingSoon: boolean };
  expiry: { daysLeft: number; isNear: boolean; isExpired: boolean };
  bounds: SeatBounds;
  /** What the end of the current term brings: renewal (with the changes scheduled for it), the Extended Service Term, or the end. */
  endOfTerm: EndOfTerm;
  /**
   * The paid Extended Service Term the subscription rolls into at `from` (auto-renew off, no
   * cancellation) or runs in: its price a month for the subscription's licences at the levels the
   * reader may see, null when the month's price sheet has no price for it.
   */
  extendedServiceTerm: { from: string; monthly: { currency: string; billingPlan: 'monthly'; distributorCost?: WireMoney; resellerCost?: WireMoney; customerPrice?: WireMoney } | null } | null;
  actions: Record<SubscriptionAction, { allowed: boolean; reason: string | null }>;
}

type WireMoney = { currency: string; amount: string };

const KNOWN_STATUSES: readonly string[] = ['none', 'active', 'pending', 'suspended', 'expired', 'disabled', 'deleted'];

/**
 * Builds the view of one subscription of ours (sold through this connection) with the domain's
 * action plan at `now`. `bounds` come from the cached catalog; without them the SKU's usual 1-300.
 */
export function toSubscriptionView(s: Subscription, tenant: LinkedTenant, now: Date, bounds: SeatBounds | undefined, assigned: number | null): SubscriptionView {
  const status = (KNOWN_STATUSES.includes(s.status) ? s.status : 'none') as SubscriptionStatus;
  const b = bounds ?? { minimum: 1, maximum: 300 };
  const plan = planSubscriptionActions(
    {
      status,
      quantity: s.quantity,
      autoRenew: s.autoRenew,
      isTrial: s.isTrial,
      isOurs: true,
      termStartedAt: new Date(s.startsAt),
      cancellationAllowedUntil: s.cancellationAllowedUntil ? new Date(s.cancellationAllowedUntil) : undefined,
      bounds: b,
    },
    now,
  );
  const expiry = termExpiry(new Date(s.termEndsAt), now);
  const end = endOfTerm({ ...s, status, scheduledNextTerm: s.scheduledNextTerm, cancelAtTermEnd: s.cancelAtTermEnd });
  return {
    id: s.id,
    connectionId: tenant.connection.id,
    customerTenantId: tenant.tenantId,
    catalogItemId: s.catalogItemId,
    productName: s.offerName,
    friendlyName: s.friendlyName,
    quantity: s.quantity,
    assigned,
    status,
    termDuration: s.termDuration,
    billingCycle: s.billingCycle,
    startsAt: s.startsAt,
    termEndsAt: s.termEndsAt,
    autoRenew: s.autoRenew,
    isTrial: s.isTrial,
    partnerOfRecord: s.resellerPartnerId ?? null,
    orderId: s.orderId ?? null,
    window: { endsAt: plan.window.endsAt.toISOString(), isOpen: plan.window.isOpen, hoursLeft: plan.window.hoursLeft, closingSoon: isWindowClosingSoon(plan.window) },
    expiry: { daysLeft: expiry.daysLeft, isNear: expiry.isNear, isExpired: expiry.isExpired },
    bounds: b,
    endOfTerm: end,
    extendedServiceTerm: end.outcome === 'extended_service_term' ? { from: end.at, monthly: null } : null,
    actions: Object.fromEntries(Object.entries(plan.decisions).map(([k, d]) => [k, { allowed: d.allowed, reason: d.reason ?? null }])) as SubscriptionView['actions'],
  };
}
