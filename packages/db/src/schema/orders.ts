import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { connections } from './connections';

/** One line of an order as it was submitted. */
export interface OrderLineJson {
  catalogItemId: string;
  productTitle: string;
  skuTitle: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  /** The reseller Partner ID sent as partner of record, when any. */
  resellerPartnerId?: string;
  /** The first term's end date chosen at checkout (co-terming), as Partner Center offered it. */
  customTermEndDate?: string;
  /** Microsoft's list price per seat when the catalog carried one. */
  listPrice?: number | null;
  currency?: string;
  /**
   * The line's unit price at each level of the channel, frozen when the order was submitted (minor
   * units of `currency`, per seat and billing period of `billingPlan`); null when the month's price
   * sheet had no price for it or could not be read. Absent in orders placed before prices.
   */
  price?: FrozenLinePrice | null;
}

/** A unit price at the three levels, as it was on the day of the order. */
export interface FrozenLinePrice {
  currency: string;
  billingPlan: 'monthly' | 'annual';
  distributorCostMinor: number;
  resellerCostMinor: number;
  customerPriceMinor: number;
}

/**
 * Orders placed through CSP Hub. The row is created when the order is submitted and
 * moved along by the place-order workflow (`place-order:<id>`): submitted > in_progress > fulfilled
 * | failed | needs_attention, with Microsoft's order and subscription ids attached. `reference`
 * (`CSPH-…`) travels in each line's friendly name so the order can be found in Partner Center.
 * `idempotencyKey` makes a repeated submission return the first order instead of a second one.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    customerTenantId: text().notNull(),
    reference: text().notNull().unique(),
    idempotencyKey: text(),
    status: text().notNull().$type<'submitted' | 'in_progress' | 'fulfilled' | 'failed' | 'needs_attention'>(),
    lines: jsonb().notNull().$type<OrderLineJson[]>(),
    cartId: text(),
    microsoftOrderIds: jsonb().notNull().default([]).$type<string[]>(),
    subscriptionIds: jsonb().notNull().default([]).$type<string[]>(),
    errorCode: text(),
    errorMessage: text(),
    /** The user (or API token) that submitted it. */
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('orders_company_idx').on(t.companyId, t.createdAt), uniqueIndex('orders_idempotency_uq').on(t.companyId, t.idempotencyKey), index('orders_status_idx').on(t.status)],
);
