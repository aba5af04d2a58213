import type { Cart, Order, OrderLineItemProvisioningStatus } from '@csphub/partner-center/wire';
import type { CartRecord, OrderRecord } from '../engine/emulator-state';
import { CART_LIFETIME_MS } from '../engine/commerce.engine';

const iso = (ms: number) => new Date(ms).toISOString();

/** Cart (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
export function toCart(cart: CartRecord): Cart {
  return {
    id: cart.id,
    creationTimestamp: iso(cart.createdAt),
    lastModifiedTimestamp: iso(cart.modifiedAt),
    expirationTimestamp: iso(cart.createdAt + CART_LIFETIME_MS),
    lastModifiedUser: cart.lastModifiedUser,
    status: cart.status,
    lineItems: cart.lines.map((l) => ({
      id: l.id,
      catalogItemId: l.catalogItemId,
      quantity: l.quantity,
      currencyCode: l.currencyCode,
      billingCycle: l.billingCycle,
      ...(l.termDuration ? { termDuration: l.termDuration } : {}),
      friendlyName: l.friendlyName ?? null,
      ...(l.customTermEndAt !== undefined ? { customTermEndDate: new Date(l.customTermEndAt).toISOString() } : {}),
      participants: l.participants,
      provisioningContext: l.provisioningContext,
      orderGroup: l.orderGroup,
      ...(l.error ? { error: { ...l.error, additionalInformation: {} } } : {}),
    })),
    links: { self: { uri: `/customers/${cart.customerTenantId}/carts/${cart.id}`, method: 'GET', headers: [] } },
    attributes: { objectType: 'Cart' },
  };
}

/** Order (docs/PARTNER-CENTER-REFERENCE.md §9.3). Emulator time decides `status`: pending until fulfilment. */
export function toOrder(order: OrderRecord): Order {
  const base = `/customers/${order.customerTenantId}/orders/${order.id}`;
  return {
    id: order.id,
    alternateId: order.id,
    referenceCustomerId: order.customerTenantId,
    billingCycle: order.billingCycle,
    transactionType: 'UserPurchase',
    currencyCode: order.currencyCode,
    currencySymbol: order.currencySymbol,
    creationDate: iso(order.createdAt),
    status: order.status,
    lineItems: order.lines.map((l) => ({
      lineItemNumber: l.lineItemNumber,
      offerId: l.offerId,
      ...(l.subscriptionId ? { subscriptionId: l.subscriptionId } : {}),
      friendlyName: l.friendlyName ?? null,
      ...(l.customTermEndAt !== undefined ? { customTermEndDate: new Date(l.customTermEndAt).toISOString() } : {}),
      quantity: l.quantity,
      ...(l.termDuration ? { termDuration: l.termDuration } : {}),
      transactionType: 'new',
      ...(l.partnerIdOnRecord ? { partnerIdOnRecord: l.partnerIdOnRecord } : {}),
      provisioningContext: l.provisioningContext,
      links: {
        product: { uri: `/products/${l.productId}?country=US`, method: 'GET', headers: [] },
        sku: { uri: `/products/${l.productId}/skus/${l.skuId}?country=US`, method: 'GET', headers: [] },
        ...(l.subscriptionId ? { subscription: { uri: `/customers/${order.customerTenantId}/subscriptions/${l.subscriptionId}`, method: 'GET', headers: [] } } : {}),
        provisioningStatus: { uri: `${base}/provisioningstatus`, method: 'GET', headers: [] },
      },
    })),
    links: {
      self: { uri: base, method: 'GET', headers: [] },
      provisioningStatus: { uri: `${base}/provisioningstatus`, method: 'GET', headers: [] },
      patchOperation: { uri: base, method: 'PATCH', headers: [] },
    },
    attributes: { objectType: 'Order' },
  };
}

/** Order provisioning status items (docs/PARTNER-CENTER-REFERENCE.md §9.3): unfulfilled until the order completes, then fulfilled. */
export function toProvisioningStatus(order: OrderRecord): OrderLineItemProvisioningStatus[] {
  const status = order.status === 'completed' ? 'fulfilled' : 'unfulfilled';
  return order.lines.map((l) => ({
    orderLineItemId: l.lineItemNumber,
    lineItemNumber: l.lineItemNumber,
    status,
    quantityProvisioningInformation: [{ quantity: l.quantity, status }],
  }));
}
