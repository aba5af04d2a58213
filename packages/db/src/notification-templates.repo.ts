import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from './database';
import { companies, notificationTemplateTexts } from './schema/index';

export type NotificationTemplateTextRow = typeof notificationTemplateTexts.$inferSelect;

/** The ids in a materialized path (`/100001/100002/`), root first. */
function idsOfPath(path: string): number[] {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(Number);
}

/**
 * Distributors' and resellers' own wording of notification templates (docs/NOTIFICATIONS.md): one
 * row per company, template and language; no row means the built-in text.
 */
export function createNotificationTemplatesRepo(db: Database) {
  return {
    /** The rows a company owns (every template and language). */
    async listOwn(companyId: number): Promise<NotificationTemplateTextRow[]> {
      return db.select().from(notificationTemplateTexts).where(eq(notificationTemplateTexts.companyId, companyId));
    },

    /** Every ancestor's rows (the company itself included) for one template, to show what a company inherits. */
    async listAlongPath(path: string): Promise<NotificationTemplateTextRow[]> {
      const ids = idsOfPath(path);
      if (ids.length === 0) return [];
      return db.select().from(notificationTemplateTexts).where(inArray(notificationTemplateTexts.companyId, ids));
    },

    /**
     * The wording a message about `companyId` uses: the row of the nearest company on its path
     * (itself, then its reseller, then the distributor) for this template and language.
     */
    async effectiveFor(companyId: number, templateId: string, language: string): Promise<NotificationTemplateTextRow | undefined> {
      const [company] = await db.select({ path: companies.path }).from(companies).where(eq(companies.id, companyId));
      if (!company) return undefined;
      const ids = idsOfPath(company.path);
      const rows = await db
        .select()
        .from(notificationTemplateTexts)
        .where(and(inArray(notificationTemplateTexts.companyId, ids), eq(notificationTemplateTexts.templateId, templateId), eq(notificationTemplateTexts.language, language)));
      return rows.sort((a, b) => ids.indexOf(b.companyId) - ids.indexOf(a.companyId))[0];
    },

    async get(companyId: number, templateId: string, language: string): Promise<NotificationTemplateTextRow | undefined> {
      const [row] = await db
        .select()
        .from(notificationTemplateTexts)
        .where(and(eq(notificationTemplateTexts.companyId, companyId), eq(notificationTemplateTexts.templateId, templateId), eq(notificationTemplateTexts.language, language)));
      return row;
    },

    async save(r: { companyId: number; templateId: string; language: string; subject: string; paragraphs: string[]; at: Date; by: string }): Promise<NotificationTemplateTextRow> {
      const values = { subject: r.subject, paragraphs: r.paragraphs, updatedAt: r.at, updatedBy: r.by };
      const [row] = await db
        .insert(notificationTemplateTexts)
        .values({ companyId: r.companyId, templateId: r.templateId, language: r.language, ...values })
        .onConflictDoUpdate({ target: [notificationTemplateTexts.companyId, notificationTemplateTexts.templateId, notificationTemplateTexts.language], set: values })
        .returning();
      return row!;
    },

    /** Reset to the default: removes the company's own wording; true when there was one. */
    async remove(companyId: number, templateId: string, language: string): Promise<boolean> {
      const rows = await db
        .delete(notificationTemplateTexts)
        .where(and(eq(notificationTemplateTexts.companyId, companyId), eq(notificationTemplateTexts.templateId, templateId), eq(notificationTemplateTexts.language, language)))
        .returning({ id: notificationTemplateTexts.id });
      return rows.length > 0;
    },
  };
}
export type NotificationTemplatesRepo = ReturnType<typeof createNotificationTemplatesRepo>;
