import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';
import { users } from './users';

/**
 * API tokens for integrations: scoped to one company (and its subtree) with one role, shown once,
 * stored as a SHA-256 hash, revoked rather than deleted so the audit log keeps its actor.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    createdByUserId: uuid().references(() => users.id),
    name: text().notNull(),
    role: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** The first characters of the token, so people can tell their tokens apart. */
    tokenPrefix: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: 'date' }),
    lastUsedAt: timestamp({ withTimezone: true, mode: 'date' }),
    revokedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [index('api_tokens_company_idx').on(t.companyId)],
);
