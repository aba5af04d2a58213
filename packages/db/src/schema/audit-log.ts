import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { companies } from './companies';

/**
 * The append-only audit log (MISSION.md F2): who did what, when, to which company, with the state
 * before and after (secrets masked) and the request id. No code path updates or deletes a row, and a
 * trigger (migration 0002) refuses UPDATE, DELETE and TRUNCATE on the table.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    actorType: text().notNull().$type<'user' | 'api_token' | 'system'>(),
    actorId: text(),
    actorLabel: text().notNull(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    summary: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
  },
  (t) => [index('audit_log_company_at_idx').on(t.companyId, t.at)],
);
