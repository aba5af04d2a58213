import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { companies } from './companies';

/**
 * People who sign in. A user belongs to one company and holds one role there; the role applies to
 * that company's whole subtree. The e-mail is stored lower-cased and is the sign-in name.
 */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    email: text().notNull().unique(),
    name: text().notNull(),
    /** argon2id hash; never leaves the server. */
    passwordHash: text().notNull(),
    role: text().notNull(),
    status: text().notNull().default('active').$type<'active' | 'disabled'>(),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSignInAt: timestamp({ withTimezone: true, mode: 'date' }),
    /** Set when an administrator resets the password: the person must choose their own before anything else. */
    mustChangePassword: boolean().notNull().default(false),
  },
  (t) => [index('users_company_idx').on(t.companyId)],
);
