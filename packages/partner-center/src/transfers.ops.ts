import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import { NEW_COMMERCE_TRANSFER_TYPE, TransferEntityCollectionSchema, TransferEntitySchema, type TransferEntity } from './wire/transfer.schema';

/** Where a transfer stands: waiting for the source partner, done, cancelled by us, or left to expire. */
export type TransferState = 'active' | 'complete' | 'cancelled' | 'expired';

/** One subscription a completed transfer moved to us, with its term as it was kept. */
export interface TransferredSubscription {
  subscriptionId: string;
  catalogItemId?: string;
  name?: string;
  quantity?: number;
  termDuration?: string;
  billingCycle?: string;
  /** End of the subscription's current term, unchanged by the transfer. */
  termEndsAt?: string;
}

/** A new-commerce transfer from another partner to this one (Learn: "TransferEntity resources"). */
export interface Transfer {
  id: string;
  state: TransferState;
  customerTenantId: string;
  sourcePartnerTenantId: string;
  sourcePartnerName?: string;
  createdAt: string;
  expiresAt?: string;
  completedAt?: string;
  lineItems: TransferredSubscription[];
}

/** What the target partner asks for (Learn: "Create a transfer for new commerce"). */
export interface TransferRequest {
  sourcePartnerTenantId: string;
  sourcePartnerName: string;
  /** The customer's address that Microsoft notifies of the request. */
  customerEmail: string;
  customerName?: string;
  /** The reseller of record for the transferred subscriptions (indirect providers). */
  partnerOnRecord?: string;
}

const stateOf = (status: TransferEntity['status']): TransferState => {
  switch (status) {
    case 'Complete':
    case 'Completed':
      return 'complete';
    case 'Cancel':
    case 'Canceled':
    case 'Cancelled':
      return 'cancelled';
    case 'Expired':
      return 'expired';
    default:
      return 'active';
  }
};

const toTransfer = (t: TransferEntity): Transfer => ({
  id: t.id,
  state: stateOf(t.status),
  customerTenantId: t.customerTenantId,
  sourcePartnerTenantId: t.sourcePartnerTenantId,
  ...(t.sourcePartnerName ? { sourcePartnerName: t.sourcePartnerName } : {}),
  createdAt: t.createdTime,
  ...(t.expirationTime ? { expiresAt: t.expirationTime } : {}),
  ...(t.completedTime ? { completedAt: t.completedTime } : {}),
  lineItems: t.lineItems.map((l) => ({
    subscriptionId: l.subscriptionId,
    ...(l.catalogItemId || l.offerId ? { catalogItemId: (l.catalogItemId ?? l.offerId)! } : {}),
    ...(l.friendlyName ? { name: l.friendlyName } : {}),
    ...(l.quantity !== undefined ? { quantity: l.quantity } : {}),
    ...(l.termDuration ? { termDuration: l.termDuration } : {}),
    ...(l.billingCycle ? { billingCycle: l.billingCycle } : {}),
    ...(l.commitmentEndDate ? { termEndsAt: l.commitmentEndDate } : {}),
  })),
});

/**
 * New-commerce transfers, the target partner's side (Learn: "Create a transfer for new commerce",
 * "Update a transfer request for new commerce"): ask, read, cancel. The source partner accepts in
 * its own Partner Center.
 */
export function createTransferOps(pipeline: RequestPipeline) {
  return {
    /** Asks the customer's current partner to transfer its new-commerce subscriptions to us. */
    async createTransfer(customerTenantId: string, request: TransferRequest, options?: CallOptions): Promise<Transfer> {
      return pipeline.send(
        {
          ...fromCatalogue('transfers.create'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          body: {
            sourcePartnerTenantId: request.sourcePartnerTenantId,
            sourcePartnerName: request.sourcePartnerName,
            customerEmailId: request.customerEmail,
            ...(request.customerName ? { customerName: request.customerName } : {}),
            ...(request.partnerOnRecord ? { partnerOnRecord: request.partnerOnRecord } : {}),
            targetProductTypes: ['OnlineServicesNCE'],
            transferType: NEW_COMMERCE_TRANSFER_TYPE,
          },
          parse: ({ body }) => toTransfer(TransferEntitySchema.parse(body)),
        },
        options,
      );
    },

    async getTransfer(customerTenantId: string, transferId: string, options?: CallOptions): Promise<Transfer> {
      return pipeline.send(
        {
          ...fromCatalogue('transfers.get'),
          params: { customerId: customerTenantId, transferId },
          customerId: customerTenantId,
          parse: ({ body }) => toTransfer(TransferEntitySchema.parse(body)),
        },
        options,
      );
    },

    async listTransfers(customerTenantId: string, options?: CallOptions): Promise<Transfer[]> {
      return pipeline.send(
        {
          ...fromCatalogue('transfers.list'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          parse: ({ body }) => TransferEntityCollectionSchema.parse(body).items.map(toTransfer),
        },
        options,
      );
    },

    /** Withdraws our request while the source partner has not accepted it. */
    async cancelTransfer(customerTenantId: string, transferId: string, options?: CallOptions): Promise<Transfer> {
      return pipeline.send(
        {
          ...fromCatalogue('transfers.update'),
          params: { customerId: customerTenantId, transferId },
          customerId: customerTenantId,
          body: { id: transferId, status: 'Cancel' },
          parse: ({ body }) => toTransfer(TransferEntitySchema.parse(body)),
        },
        options,
      );
    },
  };
}
