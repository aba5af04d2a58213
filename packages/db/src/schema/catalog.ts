import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { connections } from './connections';

/**
 * The state of the cached catalog of one connection and country: when it was last
 * loaded, what that took, and the last failure. The schedule refreshes snapshots older than a day.
 */
export const catalogSnapshots = pgTable(
  'catalog_snapshots',
  {
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    country: text().notNull(),
    refreshedAt: timestamp({ withTimezone: true, mode: 'date' }),
    entryCount: integer().notNull().default(0),
    partnerCenterCalls: integer().notNull().default(0),
    durationMs: integer().notNull().default(0),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.country] })],
);

/**
 * One purchasable availability of the cached catalog, with its SKU and product, and CSP Hub's
 * category and product group. Replaced as a whole per connection and country on each refresh.
 */
export const catalogItems = pgTable(
  'catalog_items',
  {
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    country: text().notNull(),
    catalogItemId: text().notNull(),
    productId: text().notNull(),
    skuId: text().notNull(),
    availabilityId: text().notNull(),
    category: text().notNull(),
    productGroup: text().notNull(),
    productTitle: text().notNull(),
    productDescription: text().notNull(),
    skuTitle: text().notNull(),
    skuDescription: text().notNull(),
    minimumQuantity: integer().notNull(),
    maximumQuantity: integer().notNull(),
    isTrial: boolean().notNull(),
    isAddOn: boolean().notNull(),
    isPurchasable: boolean().notNull(),
    segment: text().notNull(),
    currency: text().notNull(),
    listPrice: doublePrecision(),
    terms: jsonb().notNull().$type<{ duration: string; billingCycle: string; description: string }[]>(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.country, t.catalogItemId] }), index('catalog_items_product_idx').on(t.connectionId, t.country, t.productId)],
);

/** Products a distributor hides from its resellers (and their customers) in the catalog and at ordering. */
export const catalogHiddenProducts = pgTable(
  'catalog_hidden_products',
  {
    distributorId: integer()
      .notNull()
      .references(() => companies.id),
    productId: text().notNull(),
    hiddenBy: text().notNull(),
    hiddenAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.distributorId, t.productId] })],
);
