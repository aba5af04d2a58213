import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  OrderCollectionSchema,
  OrderProvisioningStatusCollectionSchema,
  OrderSchema,
  type Order as WireOrder,
  type OrderStatus,
} from './wire/order.schema';

/** An order line (docs/PARTNER-CENTER-REFERENCE.md §9.3). */
export interface OrderLine {
  lineNumber: number;
  catalogItemId: string;
  quantity: number;
  termDuration?: string;
  /** Set once Microsoft provisioned the subscription. */
  subscriptionId?: string;
  friendlyName?: string;
  /** The reseller of record's Partner ID. */
  resellerPartnerId?: string;
}

/** An order (docs/PARTNER-CENTER-REFERENCE.md §9.3). */
export interface Order {
  id: string;
  customerTenantId: string;
  /** Microsoft's status: `pending` → `completed`, or `partial success`, `error`, ... */
  status: OrderStatus;
  billingCycle: string;
  currency: string;
  createdAt: string;
  lines: OrderLine[];
}

/** Fulfilment of one order line (docs/PARTNER-CENTER-REFERENCE.md §9.3 provisioning status). */
export interface OrderLineProvisioning {
  lineNumber: number;
  status: 'fulfilled' | 'unfulfilled' | 'prefulfillmentPending';
  quantities: { quantity: number; status: string }[];
}

/** Maps Partner Center's Order. */
export function toOrder(o: WireOrder): Order {
  return {
    id: o.id,
    customerTenantId: o.referenceCustomerId,
    status: o.status,
    billingCycle: o.billingCycle,
    currency: o.currencyCode,
    createdAt: o.creationDate,
    lines: o.lineItems.map((l) => {
      const line: OrderLine = {
        lineNumber: l.lineItemNumber,
        catalogItemId: l.offerId,
        quantity: l.quantity,
      };
      if (l.termDuration) line.termDuration = l.termDuration;
      if (l.subscriptionId) line.subscriptionId = l.subscriptionId;
      if (l.friendlyName) line.friendlyName = l.friendlyName;
      if (l.partnerIdOnRecord) line.resellerPartnerId = l.partnerIdOnRecord;
      return line;
    }),
  };
}

/** Orders and their fulfilment (docs/PARTNER-CENTER-REFERENCE.md §9.3). */
export function createOrderOps(pipeline: RequestPipeline) {
  return {
    async getOrder(customerTenantId: string, orderId: string, options?: CallOptions): Promise<Order> {
      return pipeline.send(
        {
          ...fromCatalogue('orders.get'),
          params: { customerId: customerTenantId, orderId },
          customerId: customerTenantId,
          parse: ({ body }) => toOrder(OrderSchema.parse(body)),
        },
        options,
      );
    },

    /** A customer's orders (NCE orders may take up to 15 minutes to appear, §9.2). */
    async listOrders(customerTenantId: string, options?: CallOptions): Promise<Order[]> {
      return pipeline.send(
        {
          ...fromCatalogue('orders.list'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          parse: ({ body }) => OrderCollectionSchema.parse(body).items.map(toOrder),
        },
        options,
      );
    },

    /** Per-line fulfilment of an order (`…/orders/{id}/provisioningstatus`, App+User, §9.3). */
    async getOrderProvisioningStatus(
      customerTenantId: string,
      orderId: string,
      options?: CallOptions,
    ): Promise<OrderLineProvisioning[]> {
      return pipeline.send(
        {
          ...fromCatalogue('orders.provisioningStatus'),
          params: { customerId: customerTenantId, orderId },
          customerId: customerTenantId,
          parse: ({ body }) =>
            OrderProvisioningStatusCollectionSchema.parse(body).items.map((i) => ({
              lineNumber: i.lineItemNumber,
              status: i.status,
              quantities: i.quantityProvisioningInformation.map((q) => ({
                quantity: q.quantity,
                status: q.status,
              })),
            })),
        },
        options,
      );
    },
  };
}
