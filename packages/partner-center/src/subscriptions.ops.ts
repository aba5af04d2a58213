import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  SubscriptionCollectionSchema,
  SubscriptionProvisioningStatusSchema,
  SubscriptionSchema,
  type Subscription as WireSubscription,
  type SubscriptionStatus,
} from './wire/subscription.schema';

/** A subscription of a customer (docs/PARTNER-CENTER-REFERENCE.md §10). */
export interface Subscription {
  id: string;
  catalogItemId: string;
  offerName: string;
  friendlyName: string;
  quantity: number;
  status: SubscriptionStatus;
  autoRenew: boolean;
  isTrial: boolean;
  billingCycle: string;
  termDuration: string;
  createdAt: string;
  startsAt: string;
  /** End of the current term (the commitment end date). */
  termEndsAt: string;
  /** NCE: until when a reduction or cancellation is allowed (the 7-day window, docs/PARTNER-CENTER-REFERENCE.md §10). */
  cancellationAllowedUntil?: string;
  orderId?: string;
  /** Partner ID of the reseller of record. */
  resellerPartnerId?: string;
  parentSubscriptionId?: string;
  /** Concurrency token for updates. */
  etag?: string;
  /** What changes at the next renewal (Learn: "Schedule changes for a new commerce subscription"). */
  scheduledNextTerm?: NextTerm;
  /** A `Cancel` is scheduled at the term's end (instead of the Extended Service Term). */
  cancelAtTermEnd?: boolean;
}

/** The next term of a subscription: its catalog item (`product:sku:availability`), seats, term and billing. */
export interface NextTerm {
  catalogItemId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
}

/** What can be changed on a subscription (docs/PARTNER-CENTER-REFERENCE.md §10 update). */
export interface SubscriptionChange {
  /** New seat count (NCE: a reduction only inside the 7-day window, else `NCE_WINDOW_PASSED`). */
  quantity?: number;
  /** `suspended`, `active` (reactivate) or `deleted` (cancel; NCE: within the window). */
  status?: 'active' | 'suspended' | 'deleted';
  autoRenew?: boolean;
  friendlyName?: string;
  /** Changes for the next renewal (needs auto-renew on); `null` removes the scheduled ones. */
  scheduledNextTerm?: NextTerm | null;
  /** With auto-renew off: cancel at the term's end (true) or run on in the Extended Service Term (false). */
  cancelAtTermEnd?: boolean;
}

const toSubscription = (s: WireSubscription): Subscription => {
  const out: Subscription = {
    id: s.id,
    catalogItemId: s.offerId,
    offerName: s.offerName,
    friendlyName: s.friendlyName,
    quantity: s.quantity,
    status: s.status,
    autoRenew: s.autoRenewEnabled,
    isTrial: s.isTrial,
    billingCycle: s.billingCycle,
    termDuration: s.termDuration,
    createdAt: s.creationDate,
    startsAt: s.effectiveStartDate,
    termEndsAt: s.commitmentEndDateTime ?? s.commitmentEndDate,
  };
  if (s.cancellationAllowedUntilDate) out.cancellationAllowedUntil = s.cancellationAllowedUntilDate;
  if (s.orderId) out.orderId = s.orderId;
  if (s.partnerId) out.resellerPartnerId = s.partnerId;
  if (s.parentSubscriptionId) out.parentSubscriptionId = s.parentSubscriptionId;
  if (s.attributes.etag) out.etag = s.attributes.etag;
  if (s.scheduledActions?.some((a) => a.scheduleType === 'TermEnd' && a.actionType === 'Cancel')) out.cancelAtTermEnd = true;
  const next = s.scheduledNextTermInstructions;
  if (next) {
    out.scheduledNextTerm = {
      catalogItemId: `${next.product.productId}:${next.product.skuId}:${next.product.availabilityId}`,
      quantity: next.quantity,
      termDuration: next.product.termDuration,
      billingCycle: next.product.billingCycle.toLowerCase(),
    };
  }
  return out;
};

/** Subscriptions: get, list, update (docs/PARTNER-CENTER-REFERENCE.md §10). */
export function createSubscriptionOps(pipeline: RequestPipeline) {
  const getWire = (customerTenantId: string, subscriptionId: string, options?: CallOptions) =>
    pipeline.send(
      {
        ...fromCatalogue('subscriptions.get'),
        params: { customerId: customerTenantId, subscriptionId },
        customerId: customerTenantId,
        parse: ({ body }) => SubscriptionSchema.parse(body),
      },
      options,
    );

  return {
    async getSubscription(
      customerTenantId: string,
      subscriptionId: string,
      options?: CallOptions,
    ): Promise<Subscription> {
      return toSubscription(await getWire(customerTenantId, subscriptionId, options));
    },

    /** A customer's subscriptions, optionally only those of one order or one reseller of record (docs/PARTNER-CENTER-REFERENCE.md §10). */
    async listSubscriptions(
      customerTenantId: string,
      filter: { orderId?: string; resellerPartnerId?: string } = {},
      options?: CallOptions,
    ): Promise<Subscription[]> {
      return pipeline.send(
        {
          ...fromCatalogue('subscriptions.list'),
          params: { customerId: customerTenantId },
          query: { order_id: filter.orderId, mpn_id: filter.resellerPartnerId },
          customerId: customerTenantId,
          parse: ({ body }) => SubscriptionCollectionSchema.parse(body).items.map(toSubscription),
        },
        options,
      );
    },

    /**
     * Changes seats, status, auto-renew or name. Partner Center wants the full subscription back
     * (a minimal body resets auto-renew and next-term instructions, §10), so this reads it fresh,
     * applies the change and PATCHes it with `If-Match` on its ETag; a concurrent change then fails
     * with `ETAG_STALE` instead of being overwritten.
     */
    async updateSubscription(
      customerTenantId: string,
      subscriptionId: string,
      change: SubscriptionChange,
      options?: CallOptions,
    ): Promise<Subscription> {
      const current = await getWire(customerTenantId, subscriptionId, { ...options, requestId: undefined });
      const body: Record<string, unknown> = { ...current };
      if (change.quantity !== undefined) body.quantity = change.quantity;
      if (change.status !== undefined) body.status = change.status;
      if (change.autoRenew !== undefined) body.autoRenewEnabled = change.autoRenew;
      if (change.friendlyName !== undefined) body.friendlyName = change.friendlyName;
      if (change.scheduledNextTerm !== undefined) {
        const n = change.scheduledNextTerm;
        const [productId, skuId, availabilityId] = n ? n.catalogItemId.split(':') : [];
        body.scheduledNextTermInstructions = n ? { product: { productId, skuId, availabilityId, billingCycle: n.billingCycle, termDuration: n.termDuration }, quantity: n.quantity } : null;
      }
      if (change.cancelAtTermEnd !== undefined) {
        body.scheduledActions = [{ scheduleType: 'TermEnd', actionType: change.cancelAtTermEnd ? 'Cancel' : 'RenewToExtendedServiceTerm' }];
      }
      const etag = current.attributes.etag;
      return pipeline.send(
        {
          ...fromCatalogue('subscriptions.patch'),
          params: { customerId: customerTenantId, subscriptionId },
          customerId: customerTenantId,
          body,
          headers: etag ? { 'If-Match': etag } : undefined,
          parse: ({ body }) => toSubscription(SubscriptionSchema.parse(body)),
        },
        options,
      );
    },

    /** Whether Microsoft finished provisioning a subscription (`…/provisioningstatus`, App+User, §10). */
    async getSubscriptionProvisioningStatus(
      customerTenantId: string,
      subscriptionId: string,
      options?: CallOptions,
    ): Promise<{
      status: 'success' | 'pending' | 'failed';
      skuId: string;
      quantity: number;
      endsAt: string;
    }> {
      return pipeline.send(
        {
          ...fromCatalogue('subscriptions.provisioningStatus'),
          params: { customerId: customerTenantId, subscriptionId },
          customerId: customerTenantId,
          parse: ({ body }) => {
            const s = SubscriptionProvisioningStatusSchema.parse(body);
            return { status: s.status, skuId: s.skuId, quantity: s.quantity, endsAt: s.endDate };
          },
        },
        options,
      );
    },
  };
}
