import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { connections } from './connections';

/**
 * A move of licenses held through another partner to this one, per
 * licence SKU of the tenant. Partner Center shows the tenant's licenses (subscribed SKUs) but not
 * another partner's subscription dates, so the expiry read in the customer's admin center is
 * entered here; the replacement order and the retirement of the old licenses are tracked with it.
 */
export const subscriptionMoves = pgTable(
  'subscription_moves',
  {
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    /** The tenant's licence SKU id (Partner Center's subscribed SKU `productSku.id`). */
    skuId: text().notNull(),
    skuName: text().notNull(),
    /** When the other partner's subscription ends (from the customer's admin center). */
    oldExpiresAt: timestamp({ withTimezone: true, mode: 'date' }),
    /** The catalog item chosen as replacement (same or higher package). */
    targetCatalogItemId: text(),
    replacementOrderId: uuid(),
    updatedBy: text().notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.connectionId, t.skuId] })],
);
