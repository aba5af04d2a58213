import { integer, jsonb, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { users } from './users';

/**
 * A "New service" wizard in progress: what one person typed for one company, kept on the server so
 * that a reload or another browser picks it up. One draft per company and user; Finish and
 * "discard" delete it.
 */
export const wizardDrafts = pgTable(
  'wizard_drafts',
  {
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    /** The wizard's fields as typed (no check results: those are asked again). */
    state: jsonb().notNull().$type<Record<string, unknown>>(),
    /** The step the person was on. */
    step: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.userId] })],
);
