import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { connections } from './connections';

/**
 * How one account (company) is provisioned in one Partner Center connection: the admin user name,
 * the onmicrosoft.com prefix, the reseller Partner ID (indirect connections only), the sync status
 * and, once linked, the tenant. One company may be linked to different tenants in different
 * connections, hence the pair key.
 */
export const accountSyncOptions = pgTable(
  'account_sync_options',
  {
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    adminUsername: text(),
    domainPrefix: text(),
    resellerPartnerId: text(),
    syncStatus: text().notNull().default('not_synced').$type<'not_synced' | 'in_progress' | 'synced' | 'failed'>(),
    failureReason: text(),
    lastAttemptAt: timestamp({ withTimezone: true, mode: 'date' }),
    tenantId: text(),
    defaultDomain: text(),
    /** How the new-tenant run set up GDAP (published with tenant.ready); null for linked tenants and older rows. */
    gdapSetup: text().$type<'default' | 'requested'>(),
    /**
     * The Microsoft Customer Agreement version (Partner Center's agreement `templateId`) the customer
     * last accepted in this connection, and when; null until an acceptance is recorded. Compared with
     * the connection's current version for "needs re-acceptance" (docs/PARTNER-CENTER-REFERENCE.md §5.6).
     */
    mcaTemplateId: text(),
    mcaAcceptedAt: timestamp({ withTimezone: true, mode: 'date' }),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.connectionId] }),
    // The sync finds the company of a changed customer by its tenant, without reading every link.
    index('account_sync_options_connection_tenant_idx').on(t.connectionId, sql`lower(${t.tenantId})`),
  ],
);
