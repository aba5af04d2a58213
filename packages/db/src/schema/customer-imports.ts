import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { connections } from './connections';

/**
 * One import of a connection's existing Partner Center customers (docs/CUSTOMER-IMPORT.md): read,
 * staged for review, then applied. Counters are what the progress bar shows.
 */
export const customerImportRuns = pgTable(
  'customer_import_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    /** reading | review | importing | paused | done | failed */
    state: text().notNull().$type<'reading' | 'review' | 'importing' | 'paused' | 'done' | 'failed'>(),
    customersRead: integer().notNull().default(0),
    subscriptionsRead: integer().notNull().default(0),
    companiesCreated: integer().notNull().default(0),
    companiesUpdated: integer().notNull().default(0),
    failureReason: text(),
    /**
     * The key of the durable apply run (`customer-import-apply:<id>:<key>`), recorded in the
     * transaction that moves the run to importing: the intent survives a crash before the run
     * starts, and starting it again with the same key attaches to the same run.
     */
    applyKey: text(),
    startedBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('customer_import_runs_connection_idx').on(t.connectionId)],
);

/** One customer of an import: what was read, what is proposed, what a person decided, what was done. */
export const customerImportItems = pgTable(
  'customer_import_items',
  {
    runId: uuid()
      .notNull()
      .references(() => customerImportRuns.id),
    tenantId: text().notNull(),
    companyName: text().notNull(),
    defaultDomain: text().notNull(),
    resellerTenantId: text(),
    /** matched | new | conflict (packages/domain import matching). */
    proposal: text().notNull().$type<'matched' | 'new' | 'conflict'>(),
    /** The company matched, or the parent a new company goes under. */
    companyId: integer().references(() => companies.id),
    parentCompanyId: integer().references(() => companies.id),
    conflicts: jsonb().$type<unknown[]>().notNull().default([]),
    /** A person's choice for a conflict: `match:<id>`, `new:<parentId>` or `skip`. */
    decision: text(),
    /** What the customer looks like in Partner Center: billing profile and subscriptions, as read. */
    details: jsonb().$type<Record<string, unknown>>().notNull(),
    /** planned | applied | skipped */
    outcome: text().notNull().default('planned').$type<'planned' | 'applied' | 'skipped'>(),
    appliedCompanyId: integer().references(() => companies.id),
    /** Read order, for stable paging of the review list. */
    seq: integer().notNull(),
  },
  (t) => [uniqueIndex('customer_import_items_run_tenant_idx').on(t.runId, t.tenantId), index('customer_import_items_run_seq_idx').on(t.runId, t.seq)],
);

/** Subscriptions of imported (or synced) customers as Partner Center last showed them, per connection. */
export const partnerCenterSubscriptions = pgTable(
  'partner_center_subscriptions',
  {
    connectionId: uuid()
      .notNull()
      .references(() => connections.id),
    subscriptionId: text().notNull(),
    tenantId: text().notNull(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    offerId: text().notNull(),
    offerName: text().notNull(),
    quantity: integer().notNull(),
    status: text().notNull(),
    /** The reseller's Partner ID on record, if any. */
    partnerIdOfRecord: text(),
    /** End of the current term, when known (a subscription brought in by a transfer keeps its own). */
    termEndsAt: timestamp({ withTimezone: true, mode: 'date' }),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('partner_center_subscriptions_key_idx').on(t.connectionId, t.subscriptionId), index('partner_center_subscriptions_company_idx').on(t.companyId)],
);

/** Where the sync of a connection stands: the activity log read up to `auditCursor`, the last full reconciliation. */
export const customerSyncCursors = pgTable('customer_sync_cursors', {
  connectionId: uuid()
    .primaryKey()
    .references(() => connections.id),
  auditCursor: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  /** Ids of the records at `auditCursor` already applied (records share a timestamp). */
  seenAtCursor: jsonb().$type<string[]>().notNull().default([]),
  lastFullAt: timestamp({ withTimezone: true, mode: 'date' }),
  updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  /** The pass syncing the connection now (one server process at a time), and until when its claim holds. */
  leaseHolder: text(),
  leaseUntil: timestamp({ withTimezone: true, mode: 'date' }),
});
