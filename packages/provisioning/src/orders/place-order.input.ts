import type { OrderCartLine, OrderNotifications, OrderPartnerCenter, OrderRecords } from './order-ports';

/**
 * What the order workflow is started with. Everything is decided before the start (lines checked
 * against the catalog, partner of record resolved, reference derived from the order id), so the
 * workflow body only carries the order out and stays deterministic on replay.
 */
export interface PlaceOrderInput {
  /** CSP Hub's order id (UUID): the business intent behind the workflow id. */
  orderId: string;
  /** `CSPH-…`, carried in each line's friendly name (see `orderReferenceOf`). */
  reference: string;
  connectionId: string;
  customerTenantId: string;
  lines: OrderCartLine[];
  /**
   * The customer's signatory has the MCA acceptance link: without an MCA on record the order waits
   * (durably, checking again and again) instead of stopping. Absent in orders started before it.
   */
  holdForMca?: boolean;
  /** Who hears about the outcome; no notification when `to` is empty. */
  notify: { to: string[]; language: string | null; recipientName: string; companyName: string; orderUrl: string };
}

/** How the workflow ends. */
export interface PlaceOrderResult {
  status: 'fulfilled' | 'failed' | 'needs_attention';
  microsoftOrderIds: string[];
  subscriptionIds: string[];
  errorCode?: string;
  errorMessage?: string;
}

/** What the workflow and its steps are built from (the server's composition root passes them). */
export interface PlaceOrderDeps {
  /** The typed client of a connection. */
  partnerCenterFor(connectionId: string): OrderPartnerCenter | Promise<OrderPartnerCenter>;
  orders: OrderRecords;
  notifications: OrderNotifications;
  /** Durable sleep between two looks at a pending order. */
  pollIntervalMs: number;
  /** After this long pending, the order goes to needs_attention (Microsoft still owns it). */
  maxWaitMs: number;
}
