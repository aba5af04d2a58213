/**
 * The ports of the order workflow. `OrderPartnerCenter` is the subset of the typed Partner Center
 * client it uses, with the client's own method shapes, so the client satisfies it as it is and
 * provisioning never imports it. `OrderRecords` is implemented by the orders repository in
 * @csphub/db; `OrderNotifications` by the notifier of @csphub/notifications.
 */

/** Per-call options the client takes: the journaled MS-RequestId and the attempt's signal. */
export interface OrderCallOptions {
  requestId?: string;
  correlationId?: string;
  signal?: AbortSignal;
  /** The step's `onQueued`: time waiting in the rate limiter does not count against the step's timeout. */
  onQueued?: () => () => void;
}

/** A line as the cart takes it (`CartLineInput` of the client). */
export interface OrderCartLine {
  catalogItemId: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  friendlyName?: string;
  resellerPartnerId?: string;
  /** Co-terming: the first term ends on this date Partner Center offered (docs/PARTNER-CENTER-REFERENCE.md §9.4). */
  customTermEndDate?: string;
}

/** An order line as Partner Center reports it. */
export interface ReportedOrderLine {
  lineNumber: number;
  catalogItemId: string;
  quantity: number;
  subscriptionId?: string;
  friendlyName?: string;
}

/** An order as Partner Center reports it. */
export interface ReportedOrder {
  id: string;
  status: string;
  createdAt: string;
  lines: ReportedOrderLine[];
}

/** What the workflow needs from Partner Center (a subset of the typed client). */
export interface OrderPartnerCenter {
  hasMca(customerTenantId: string, options?: OrderCallOptions): Promise<boolean>;
  createCart(
    customerTenantId: string,
    cart: { lines: OrderCartLine[]; partnerOnRecordAttestationAccepted?: boolean },
    options?: OrderCallOptions,
  ): Promise<{ id: string; status: string; lines: { lineId: number; error?: { code: number; description: string } }[] }>;
  checkoutCart(
    customerTenantId: string,
    cartId: string,
    options?: OrderCallOptions,
  ): Promise<{ orders: ReportedOrder[]; errors: { orderGroup: string; microsoftCode: number; description: string }[] }>;
  getOrder(customerTenantId: string, orderId: string, options?: OrderCallOptions): Promise<ReportedOrder>;
  listOrders(customerTenantId: string, options?: OrderCallOptions): Promise<ReportedOrder[]>;
}

/** The order's row, as the workflow moves it along. */
export interface OrderProgress {
  status: 'submitted' | 'in_progress' | 'fulfilled' | 'failed' | 'needs_attention';
  cartId?: string;
  microsoftOrderIds?: string[];
  /** Per catalog item, the subscription ids Microsoft attached. */
  subscriptionIds?: string[];
  errorCode?: string | null;
  errorMessage?: string | null;
  at: Date;
}

/** Where the workflow writes the order's progress (the orders repository). */
export interface OrderRecords {
  saveProgress(orderId: string, progress: OrderProgress): Promise<void>;
}

/** A notification request (the `Notifier.send` shape of @csphub/notifications). */
export interface OrderNotificationRequest {
  template: string;
  language: string | undefined | null;
  to: string[];
  fields: Record<string, string>;
  dedupeKey: string;
  subjectId?: string | null;
}

/** Sends order notifications. */
export interface OrderNotifications {
  send(req: OrderNotificationRequest): Promise<{ id: string }>;
}
