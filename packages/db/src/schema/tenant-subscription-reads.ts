import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { companies } from './companies';

/**
 * The last answer Partner Center gave for one tenant's subscriptions and licences in a connection,
 * as the client models them: the subscriptions tab is served from here (its action windows worked
 * out at the time of the view) and refreshed in the background when older than the tab's bound, on
 * an explicit refresh, and after a change made through CSP Hub. `readAt` is what the tab shows as
 * "as of".
 */
export const tenantSubscriptionReads = pgTable(
  'tenant_subscription_reads',
  {
    connectionId: text().notNull(),
    tenantId: text().notNull(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    /** The client's `Subscription[]` for this connection's subscriptions of the tenant. */
    subscriptions: jsonb().notNull().$type<unknown[]>(),
    /** The client's `SubscribedSku[]`, null when they were not visible (see `licensesError`). */
    licenses: jsonb().$type<unknown[] | null>(),
    licensesError: text(),
    readAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.tenantId] }), index('tenant_subscription_reads_company_idx').on(t.companyId)],
);
