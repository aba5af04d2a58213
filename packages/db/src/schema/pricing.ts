import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { connections } from './connections';

/**
 * Microsoft's license-based price sheet of one connection, market and month (docs/PARTNER-CENTER-REFERENCE.md
 * §8.1), amounts in the currency's minor units. Replaced as a whole per connection, market and month.
 */
export const priceSheetEntries = pgTable(
  'price_sheet_entries',
  {
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    market: text().notNull(),
    /** `YYYY-MM`. */
    month: text().notNull(),
    productId: text().notNull(),
    skuId: text().notNull(),
    termDuration: text().notNull(),
    billingPlan: text().notNull(),
    currency: text().notNull(),
    unitPriceMinor: bigint({ mode: 'number' }).notNull(),
    erpPriceMinor: bigint({ mode: 'number' }).notNull(),
    effectiveStart: text().notNull(),
    effectiveEnd: text().notNull(),
    fetchedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.market, t.month, t.productId, t.skuId, t.termDuration, t.billingPlan] })],
);

/**
 * A line of a price list (`PriceRule` in packages/domain): the distributor's price to resellers
 * (`level` `reseller`) or a reseller's price to customers (`customer`), a margin in basis points
 * over Microsoft's price or a fixed amount, per currency, SKU and term, valid between two dates.
 */
export const priceRules = pgTable(
  'price_rules',
  {
    id: uuid().primaryKey(),
    level: text().notNull().$type<'reseller' | 'customer'>(),
    sellerCompanyId: integer()
      .notNull()
      .references(() => companies.id),
    /** Null: the seller's default for every buyer. */
    buyerCompanyId: integer().references(() => companies.id),
    productId: text(),
    skuId: text(),
    termDuration: text().$type<'P1M' | 'P1Y' | 'P3Y'>(),
    billingPlan: text().$type<'monthly' | 'annual'>(),
    currency: text().notNull(),
    /** `YYYY-MM-DD`, inclusive. */
    validFrom: text().notNull(),
    /** `YYYY-MM-DD`, exclusive; null: open-ended. */
    validTo: text(),
    kind: text().notNull().$type<'margin' | 'fixed'>(),
    basisPoints: integer(),
    amountMinor: bigint({ mode: 'number' }),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    createdBy: text().notNull(),
  },
  (t) => [index('price_rules_seller_idx').on(t.sellerCompanyId, t.level)],
);
