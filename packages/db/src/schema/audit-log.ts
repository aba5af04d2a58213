import { bigint, bigserial, check, index, integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { companies } from './companies';

/**
 * The append-only, hash-chained audit log: who did what, when, to which company,
 * with the state before and after (secrets masked) and the request id. No code path updates or
 * deletes a row, and triggers (migration 0002) refuse UPDATE, DELETE and TRUNCATE on the table.
 *
 * The chain columns (`seq`, `prevHash`, `hash`) and `companyPath` are set by the database itself, in
 * a BEFORE INSERT trigger of the same transaction (custom migration `audit_log_chain`), whatever
 * the inserting code passes: see docs/CHANNEL-AND-ACCOUNTS.md, "Audit log".
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
    /**
     * The company's materialized path when the entry was written: who may read the entry (a
     * reseller sees its former customer's entries from before a move, not after).
     */
    companyPath: text().notNull().default(''),
    /**
   * Position in the chain, 1, 2, 3... without gaps, in commit order of the writers (unique: the
   * index is made by the custom migration, after the existing entries are numbered).
   */
    seq: bigint({ mode: 'number' }).notNull().default(0),
    /** The previous entry's hash (64 zeros for the first entry). */
    prevHash: text().notNull().default(''),
    /** SHA-256 (hex) of the previous hash and this entry's fields. */
    hash: text().notNull().default(''),
  },
  (t) => [
    index('audit_log_company_at_idx').on(t.companyId, t.at),
    index('audit_log_company_path_idx').using('btree', sql`${t.companyPath} text_pattern_ops`),
  ],
);

/**
 * The head of the audit chain: one row, locked and moved by the insert trigger in the inserting
 * transaction, so two writers can never chain to the same previous entry. The application's
 * database role has no rights on it (docs/DEPLOYMENT-POSTGRESQL.md).
 */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: smallint().primaryKey(),
    seq: bigint({ mode: 'number' }).notNull(),
    hash: text().notNull(),
  },
  (t) => [check('audit_chain_head_single_row', sql`${t.id} = 1`)],
);
