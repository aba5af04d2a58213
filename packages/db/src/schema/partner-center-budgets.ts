import { doublePrecision, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The Partner Center call budget shared by every worker, one row per limiter key
 * (`partner-center:<partner>:<class>:customer:<tenant>`, `graph:<partner>`): a token bucket in GCRA
 * form, whose one number is the theoretical arrival time of the next call in milliseconds since the
 * epoch (the workers' clocks). Taking a call is one atomic upsert (`partner-center-budgets.repo.ts`), so two
 * server processes on one PostgreSQL stay together within one partner's limit.
 */
export const partnerCenterBudgets = pgTable('partner_center_budgets', {
  key: text().primaryKey(),
  /** When the budget is back to empty, ms since the epoch; a call may go while it is at most the tolerance ahead of now. */
  tatMs: doublePrecision().notNull(),
});
