import { integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { companies } from './companies';

/**
 * A distributor's or reseller's own wording of one notification template in one language
 * (docs/NOTIFICATIONS.md). Absent: the built-in text. Messages about a company use the wording of
 * its nearest ancestor (or itself) that has one; deleting the row resets to the default.
 */
export const notificationTemplateTexts = pgTable(
  'notification_template_texts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    templateId: text().notNull(),
    language: text().notNull(),
    subject: text().notNull(),
    paragraphs: jsonb().notNull().$type<string[]>(),
    updatedAt: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    updatedBy: text().notNull(),
  },
  (t) => [uniqueIndex('notification_template_texts_owner_idx').on(t.companyId, t.templateId, t.language)],
);
