import { toOrder, type Order } from './orders.ops';
import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import { CartSchema, ParticipantKey, type Cart as WireCart } from './wire/cart.schema';
import { CartCheckoutResultSchema } from './wire/order.schema';

/** One line to buy (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
export interface CartLineInput {
  /** From {@link CatalogAvailability} `catalogItemId`. */
  catalogItemId: string;
  quantity: number;
  /** `P1M`, `P1Y`, `P3Y`. */
  termDuration: string;
  /** `monthly`, `annual`, ... */
  billingCycle: string;
  friendlyName?: string;
  /** Indirect providers: the reseller's Partner ID, sent as `transaction_reseller` (docs/PARTNER-CENTER-REFERENCE.md §9.1). */
  resellerPartnerId?: string;
  provisioningContext?: Record<string, string>;
  /** For SKUs that enforce an attestation (docs/PARTNER-CENTER-REFERENCE.md §8). */
  attestationAccepted?: boolean;
  promotionId?: string;
  /** An end date from `listCustomTermEndDates` (co-terming, §9.4) instead of the term's own. */
  customTermEndDate?: string;
}

/** A cart line as Microsoft holds it. */
export interface CartLine extends CartLineInput {
  lineId: number;
  currency?: string;
  orderGroup?: string;
  /** Microsoft's objection to this line, if any (docs/PARTNER-CENTER-REFERENCE.md §9.1 CartErrorCode). */
  error?: { code: number; description: string };
}

/** A cart (docs/PARTNER-CENTER-REFERENCE.md §9.1); expires seven days after creation. */
export interface Cart {
  id: string;
  status: 'Active' | 'Ordered';
  createdAt: string;
  expiresAt: string;
  lines: CartLine[];
}

/** The outcome of a checkout (docs/PARTNER-CENTER-REFERENCE.md §9.2): orders, and per order group the errors. */
export interface CheckoutResult {
  orders: Order[];
  errors: { orderGroup: string; microsoftCode: number; description: string }[];
}

const toCart = (c: WireCart): Cart => ({
  id: c.id,
  status: c.status,
  createdAt: c.creationTimestamp,
  expiresAt: c.expirationTimestamp,
  lines: c.lineItems.map((l) => {
    const line: CartLine = {
      lineId: l.id,
      catalogItemId: l.catalogItemId,
      quantity: l.quantity,
      termDuration: l.termDuration ?? '',
      billingCycle: l.billingCycle,
    };
    if (l.friendlyName) line.friendlyName = l.friendlyName;
    const reseller = l.participants?.find((p) => p.key === ParticipantKey.transactionReseller);
    if (reseller) line.resellerPartnerId = reseller.value;
    if (l.provisioningContext && Object.keys(l.provisioningContext).length)
      line.provisioningContext = l.provisioningContext;
    if (l.attestationAccepted !== undefined) line.attestationAccepted = l.attestationAccepted;
    if (l.currencyCode) line.currency = l.currencyCode;
    if (l.orderGroup) line.orderGroup = l.orderGroup;
    if (l.customTermEndDate) line.customTermEndDate = l.customTermEndDate;
    if (l.promotionId) line.promotionId = l.promotionId;
    if (l.error) line.error = { code: l.error.errorCode, description: l.error.errorDescription };
    return line;
  }),
});

const toWireLines = (lines: CartLineInput[]) =>
  lines.map((l, i) => ({
    id: i,
    catalogItemId: l.catalogItemId,
    quantity: l.quantity,
    billingCycle: l.billingCycle,
    termDuration: l.termDuration,
    ...(l.friendlyName ? { friendlyName: l.friendlyName } : {}),
    ...(l.resellerPartnerId
      ? { participants: [{ key: ParticipantKey.transactionReseller, value: l.resellerPartnerId }] }
      : {}),
    ...(l.provisioningContext ? { provisioningContext: l.provisioningContext } : {}),
    ...(l.attestationAccepted !== undefined ? { attestationAccepted: l.attestationAccepted } : {}),
    ...(l.promotionId ? { promotionId: l.promotionId } : {}),
    ...(l.customTermEndDate ? { customTermEndDate: l.customTermEndDate } : {}),
  }));

/** Carts and checkout (docs/PARTNER-CENTER-REFERENCE.md §9.1, §9.2). */
export function createCartOps(pipeline: RequestPipeline) {
  return {
    /**
     * Creates a cart (`POST /v1/customers/{id}/carts`). `partnerOnRecordAttestationAccepted`
     * defaults to true: CSP Hub only names a reseller after the Partner ID check.
     */
    async createCart(
      customerTenantId: string,
      cart: { lines: CartLineInput[]; partnerOnRecordAttestationAccepted?: boolean },
      options?: CallOptions,
    ): Promise<Cart> {
      return pipeline.send(
        {
          ...fromCatalogue('carts.create'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          body: {
            partnerOnRecordAttestationAccepted: cart.partnerOnRecordAttestationAccepted ?? true,
            lineItems: toWireLines(cart.lines),
          },
          parse: ({ body }) => toCart(CartSchema.parse(body)),
        },
        options,
      );
    },

    async getCart(customerTenantId: string, cartId: string, options?: CallOptions): Promise<Cart> {
      return pipeline.send(
        {
          ...fromCatalogue('carts.get'),
          params: { customerId: customerTenantId, cartId },
          customerId: customerTenantId,
          parse: ({ body }) => toCart(CartSchema.parse(body)),
        },
        options,
      );
    },

    /** Replaces a cart's lines (`PUT …/carts/{cartId}` takes the full cart, §9.1). */
    async updateCart(
      customerTenantId: string,
      cartId: string,
      cart: { lines: CartLineInput[]; partnerOnRecordAttestationAccepted?: boolean },
      options?: CallOptions,
    ): Promise<Cart> {
      return pipeline.send(
        {
          ...fromCatalogue('carts.update'),
          params: { customerId: customerTenantId, cartId },
          customerId: customerTenantId,
          body: {
            id: cartId,
            partnerOnRecordAttestationAccepted: cart.partnerOnRecordAttestationAccepted ?? true,
            lineItems: toWireLines(cart.lines),
          },
          parse: ({ body }) => toCart(CartSchema.parse(body)),
        },
        options,
      );
    },

    /**
     * Checks a cart out (docs/PARTNER-CENTER-REFERENCE.md §9.2). Pass the saved `requestId`: a retried checkout then replays the
     * first result instead of ordering twice. Missing MCA fails with `MCA_MISSING`.
     */
    async checkoutCart(
      customerTenantId: string,
      cartId: string,
      options?: CallOptions,
    ): Promise<CheckoutResult> {
      return pipeline.send(
        {
          ...fromCatalogue('carts.checkout'),
          params: { customerId: customerTenantId, cartId },
          customerId: customerTenantId,
          body: {},
          parse: ({ body }) => {
            const r = CartCheckoutResultSchema.parse(body);
            return {
              orders: r.orders.map(toOrder),
              errors: r.orderErrors.map((e) => ({
                orderGroup: e.orderGroupId,
                microsoftCode: e.code,
                description: e.description,
              })),
            };
          },
        },
        options,
      );
    },
  };
}
