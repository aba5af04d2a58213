import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';

/**
 * A bulk fix from the cockpit: one durable run (`bulk-fix:<id>`) over its items. `scopeCompanyId`
 * is the company of the person who started it: items outside its subtree are never part of it.
 */
export const bulkJobs = pgTable(
  'bulk_jobs',
  {
    id: uuid().primaryKey(),
    action: text().notNull().$type<'gdap-remove-global-admin' | 'resend-acceptance-links' | 'revalidate-partners-of-record' | 'gdap-request-from-template'>(),
    scopeCompanyId: integer()
      .notNull()
      .references(() => companies.id),
    /** queued | running | finished */
    state: text().notNull().$type<'queued' | 'running' | 'finished'>(),
    createdBy: text().notNull(),
    createdByLabel: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp({ withTimezone: true, mode: 'date' }),
    /** What the person chose for the whole job (GDAP requests: the template, null for each connection's default, and whether the approval link is e-mailed). */
    options: jsonb().$type<{ templateId?: number | null; emailCustomerAdmin?: boolean }>(),
  },
  (t) => [index('bulk_jobs_scope_idx').on(t.scopeCompanyId, t.createdAt)],
);

/** One item of a bulk fix: what it acts on, and how the last attempt went. */
export const bulkJobItems = pgTable(
  'bulk_job_items',
  {
    jobId: uuid()
      .notNull()
      .references(() => bulkJobs.id),
    /** What the action acts on: a relationship (`<connectionId>/<relationshipId>`), an authorization id, a company id, a customer's tenant (`<companyId>/<connectionId>`). */
    itemKey: text().notNull(),
    companyId: integer().references(() => companies.id),
    label: text().notNull(),
    /** pending | succeeded | failed */
    state: text().notNull().$type<'pending' | 'succeeded' | 'failed'>(),
    attempts: integer().notNull().default(0),
    /** Which round of the job last ran it (0 the first; a retry of the failed ones starts the next). */
    round: integer().notNull().default(0),
    outcome: jsonb().$type<Record<string, unknown>>(),
    errorCode: text(),
    errorMessage: text(),
    finishedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.itemKey] })],
);
