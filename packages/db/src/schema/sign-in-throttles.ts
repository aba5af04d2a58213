import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sign-in back-off state, one row per key: an account seen from one address (`account_source`), or
 * one address across every account (`source`, against password spraying). Checking a row and
 * counting the attempt happen under the row's lock, so concurrent guesses are all counted; kept in
 * the database so that several server processes on one PostgreSQL share it. The rule lives in
 * `packages/domain/src/access/sign-in-backoff.ts`.
 */
export const signInThrottles = pgTable(
  'sign_in_throttles',
  {
    scope: text().notNull().$type<'account_source' | 'source'>(),
    key: text().notNull(),
    /** Attempts that did not end in a sign-in since the slate was last cleared. */
    failures: integer().notNull().default(0),
    blockedUntil: timestamp({ withTimezone: true, mode: 'date' }),
    lastAttemptAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);
