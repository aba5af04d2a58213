import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { connections } from './connections';

/** One subscription a completed transfer brought in, with its term as Partner Center kept it. */
export interface TransferredSubscriptionRecord {
  subscriptionId: string;
  name: string;
  catalogItemId: string | null;
  quantity: number | null;
  termDuration: string | null;
  billingCycle: string | null;
  /** End of the current term (ISO 8601), unchanged by the transfer. */
  termEndsAt: string | null;
}

/**
 * A new-commerce transfer from another partner to this connection, asked by CSP Hub for a company's
 * tenant (Partner Center's transfer request, docs/ORDERS-AND-SUBSCRIPTIONS.md). `state` follows
 * Partner Center's status; `importedAt` is set once, in the transaction that records the
 * subscriptions it brought in, their audit entry and `subscription.changed` events.
 */
export const subscriptionTransfers = pgTable(
  'subscription_transfers',
  {
    id: uuid().primaryKey(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    tenantId: text().notNull(),
    /** Partner Center's transfer id. */
    transferId: text().notNull(),
    sourcePartnerTenantId: text().notNull(),
    sourcePartnerName: text().notNull(),
    customerEmail: text().notNull(),
    state: text().notNull().$type<'active' | 'complete' | 'cancelled' | 'expired'>(),
    requestedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }),
    completedAt: timestamp({ withTimezone: true, mode: 'date' }),
    importedAt: timestamp({ withTimezone: true, mode: 'date' }),
    subscriptions: jsonb().$type<TransferredSubscriptionRecord[]>().notNull().default([]),
  },
  (t) => [unique('subscription_transfers_transfer_uq').on(t.connectionId, t.transferId), index('subscription_transfers_company_idx').on(t.companyId, t.createdAt)],
);
