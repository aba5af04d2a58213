import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A new tenant's one-time admin password between its creation and the welcome message's delivery:
 * only the AES-GCM ciphertext is stored, and the row is deleted once delivered.
 */
export const pendingCredentials = pgTable('pending_credentials', {
  /** The workflow run that created the tenant. */
  runId: text().primaryKey(),
  userName: text().notNull(),
  ciphertext: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
