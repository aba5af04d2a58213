import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Messages delivered to the local outbox (used when no SMTP server is configured), readable in the UI
 * and the API. Secret merge fields (a one-time password) are never stored in `text`/`html`: those
 * hold a placeholder, and the secret sits encrypted in `secretCiphertext` until it is revealed once,
 * then the column is wiped.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Caller-chosen idempotency key (e.g. `<runId>:welcome`), so a retried delivery stores one message. */
    dedupeKey: text().notNull().unique(),
    template: text().notNull(),
    language: text().notNull(),
    from: text().notNull(),
    to: jsonb().$type<string[]>().notNull(),
    cc: jsonb().$type<string[]>().notNull().default([]),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    /** The account the message is about (to scope reading to the right people). */
    subjectId: text(),
    secretCiphertext: text(),
    secretRevealedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('outbox_messages_subject_idx').on(t.subjectId)],
);
