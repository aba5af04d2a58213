import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { companies } from './companies';

/**
 * What CSP Hub last read from Partner Center of each subscription's term end (by the periodic
 * subscription pass and when the subscriptions tab is read): its end date and what it brings
 * (`renew`, `cancel`, `extended_service_term`, `expire`, `none`), for the cockpit's list of
 * subscriptions ending soon. A tenant's rows are replaced whole at each read.
 */
export const subscriptionTerms = pgTable(
  'subscription_terms',
  {
    connectionId: text().notNull(),
    subscriptionId: text().notNull(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    tenantId: text().notNull(),
    productName: text().notNull(),
    quantity: integer().notNull(),
    status: text().notNull(),
    autoRenew: boolean().notNull(),
    termEndsAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    outcome: text().notNull().$type<'renew' | 'cancel' | 'extended_service_term' | 'expire' | 'none'>(),
    /** For `renew`: the seats of the next term (the scheduled changes, or the same). */
    nextQuantity: integer(),
    readAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.subscriptionId] }), index('subscription_terms_company_idx').on(t.companyId, t.termEndsAt)],
);
