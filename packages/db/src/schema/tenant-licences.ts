import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { companies } from './companies';

/**
 * What CSP Hub last read from Partner Center of a tenant's licences ("Get a list of available
 * licenses", `GET /v1/customers/{id}/subscribedskus`), one row per SKU: the seats bought, assigned
 * to users and still available, for the cockpit's "seats bought vs assigned". Written by the same
 * reads that record subscription terms (the subscriptions tab and the periodic subscription pass);
 * a tenant's rows are replaced whole at each read.
 */
export const tenantLicences = pgTable(
  'tenant_licences',
  {
    connectionId: text().notNull(),
    tenantId: text().notNull(),
    skuId: text().notNull(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    name: text().notNull(),
    /** Microsoft's `totalUnits`: every seat the tenant has of the SKU. */
    totalUnits: integer().notNull(),
    /** Microsoft's `consumedUnits`: seats assigned to users. */
    consumedUnits: integer().notNull(),
    /** Microsoft's `availableUnits`: active seats not assigned to anyone. */
    availableUnits: integer().notNull(),
    /** Microsoft's `capabilityStatus` (Enabled, Suspended, ...). */
    status: text().notNull(),
    readAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.tenantId, t.skuId] }), index('tenant_licences_company_idx').on(t.companyId)],
);
