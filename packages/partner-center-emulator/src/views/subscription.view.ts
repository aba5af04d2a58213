import type { Subscription } from '@csphub/partner-center/wire';
import type { SubscriptionRecord } from '../engine/emulator-state';
import { NCE_WINDOW_MS } from '../engine/subscriptions.engine';
import { scheduledActionsOf } from '../engine/end-of-term.engine';

const iso = (ms: number) => new Date(ms).toISOString();

/** Subscription (docs/PARTNER-CENTER-REFERENCE.md §10). */
export function toSubscription(sub: SubscriptionRecord, now: number): Subscription {
  const windowEnd = sub.termStartAt + NCE_WINDOW_MS;
  const isAzure = sub.productType === 'Azure';
  return {
    id: sub.id,
    offerId: sub.offerId,
    offerName: sub.offerName,
    friendlyName: sub.friendlyName,
    productType: isAzure ? { id: 'Azure', displayName: 'Azure' } : { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' },
    quantity: sub.quantity,
    unitType: isAzure ? 'Usage-based' : 'Licenses',
    entitlementId: sub.id.replace(/-/g, '').slice(0, 16),
    parentSubscriptionId: null,
    hasPurchasableAddons: false,
    creationDate: iso(sub.createdAt),
    effectiveStartDate: iso(sub.termStartAt),
    commitmentEndDate: iso(sub.commitmentEndAt),
    commitmentEndDateTime: iso(sub.commitmentEndAt),
    status: sub.status,
    autoRenewEnabled: sub.autoRenewEnabled,
    isTrial: false,
    billingType: isAzure ? 'usage' : 'license',
    billingCycle: sub.billingCycle,
    termDuration: sub.termDuration,
    ...(sub.termDuration ? { renewalTermDuration: sub.scheduledNextTerm?.termDuration ?? sub.termDuration } : {}),
    scheduledNextTermInstructions: sub.scheduledNextTerm
      ? {
          product: { productId: sub.scheduledNextTerm.productId, skuId: sub.scheduledNextTerm.skuId, availabilityId: sub.scheduledNextTerm.availabilityId, billingCycle: sub.scheduledNextTerm.billingCycle, termDuration: sub.scheduledNextTerm.termDuration },
          quantity: sub.scheduledNextTerm.quantity,
        }
      : null,
    ...(isAzure ? {} : { scheduledActions: scheduledActionsOf(sub) }),
    refundOptions: now < windowEnd && !isAzure ? [{ type: 'Full', expiresAt: iso(windowEnd) }] : [],
    refundableQuantity: { totalQuantity: now < windowEnd ? sub.quantity : 0 },
    isMicrosoftProduct: true,
    publisherName: 'Microsoft Corporation',
    ...(sub.partnerId ? { partnerId: sub.partnerId } : {}),
    suspensionReasons: sub.status === 'suspended' ? ['PartnerInitiated'] : [],
    contractType: 'subscription',
    orderId: sub.orderId,
    // In the Extended Service Term it can be cancelled at any time, until the end of its month.
    ...(isAzure ? {} : { cancellationAllowedUntilDate: iso(sub.extendedServiceTermSince !== undefined ? sub.commitmentEndAt : windowEnd) }),
    links: {
      product: { uri: `/products/${sub.productId}?country=US`, method: 'GET', headers: [] },
      sku: { uri: `/products/${sub.productId}/skus/${sub.skuId}?country=US`, method: 'GET', headers: [] },
      self: { uri: `/customers/${sub.customerTenantId}/subscriptions/${sub.id}`, method: 'GET', headers: [] },
    },
    attributes: { etag: sub.etag, objectType: 'Subscription' },
  };
}
