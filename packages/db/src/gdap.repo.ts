import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from './database';
import { gdapRelationships, gdapTemplates, type GdapAccessAssignmentRow, type GdapTemplateGroupRow, type GdapTemplateRoleRow } from './schema';

export type GdapTemplateRow = typeof gdapTemplates.$inferSelect;
export type GdapRelationshipRow = typeof gdapRelationships.$inferSelect;

export interface NewGdapTemplate {
  connectionId: string;
  name: string;
  roles: GdapTemplateRoleRow[];
  durationDays: number;
  autoExtend: boolean;
  securityGroups: GdapTemplateGroupRow[];
  createdBy: string;
}

/** What a run or the check learnt of a relationship at Graph. */
export interface GdapRelationshipFacts {
  relationshipId?: string | null;
  status?: string;
  approvalUrl?: string | null;
  accessAssignments?: GdapAccessAssignmentRow[];
  activatedAt?: Date | null;
  endsAt?: Date | null;
  roles?: GdapTemplateRoleRow[];
  autoExtend?: boolean;
  runId?: string | null;
}

/** GDAP templates (versioned, per connection) and the relationships CSP Hub knows of (see the schema). */
export function createGdapRepo(db: Database) {
  return {
    async listTemplates(connectionIds: readonly string[]): Promise<GdapTemplateRow[]> {
      if (connectionIds.length === 0) return [];
      return db.select().from(gdapTemplates).where(inArray(gdapTemplates.connectionId, [...connectionIds])).orderBy(asc(gdapTemplates.name), desc(gdapTemplates.version));
    },

    async getTemplate(id: number): Promise<GdapTemplateRow | undefined> {
      const [row] = await db.select().from(gdapTemplates).where(eq(gdapTemplates.id, id));
      return row;
    },

    async defaultTemplate(connectionId: string): Promise<GdapTemplateRow | undefined> {
      const [row] = await db.select().from(gdapTemplates).where(and(eq(gdapTemplates.connectionId, connectionId), eq(gdapTemplates.isDefault, true)));
      return row;
    },

    /** The latest version of a template name on a connection. */
    async latestVersion(connectionId: string, name: string): Promise<GdapTemplateRow | undefined> {
      const [row] = await db
        .select()
        .from(gdapTemplates)
        .where(and(eq(gdapTemplates.connectionId, connectionId), eq(gdapTemplates.name, name)))
        .orderBy(desc(gdapTemplates.version))
        .limit(1);
      return row;
    },

    /** Writes the next version of `name` (1 for a new name); `makeDefault` moves the default to it. */
    async addTemplateVersion(t: NewGdapTemplate, now: Date, makeDefault = false): Promise<GdapTemplateRow> {
      const latest = await this.latestVersion(t.connectionId, t.name);
      if (makeDefault) await db.update(gdapTemplates).set({ isDefault: false }).where(eq(gdapTemplates.connectionId, t.connectionId));
      const [row] = await db
        .insert(gdapTemplates)
        .values({ ...t, version: (latest?.version ?? 0) + 1, isDefault: makeDefault, createdAt: now })
        .returning();
      return row!;
    },

    async setDefaultTemplate(template: GdapTemplateRow): Promise<GdapTemplateRow> {
      await db.update(gdapTemplates).set({ isDefault: false }).where(eq(gdapTemplates.connectionId, template.connectionId));
      const [row] = await db.update(gdapTemplates).set({ isDefault: true }).where(eq(gdapTemplates.id, template.id)).returning();
      return row!;
    },

    async listRelationships(companyId: number): Promise<GdapRelationshipRow[]> {
      return db.select().from(gdapRelationships).where(eq(gdapRelationships.companyId, companyId)).orderBy(desc(gdapRelationships.createdAt), desc(gdapRelationships.id));
    },

    async getRelationship(id: number): Promise<GdapRelationshipRow | undefined> {
      const [row] = await db.select().from(gdapRelationships).where(eq(gdapRelationships.id, id));
      return row;
    },

    async findByDisplayName(connectionId: string, displayName: string): Promise<GdapRelationshipRow | undefined> {
      const [row] = await db.select().from(gdapRelationships).where(and(eq(gdapRelationships.connectionId, connectionId), eq(gdapRelationships.displayName, displayName)));
      return row;
    },

    /** Relationships with a Graph id that are not over yet: what the scheduled check looks at. */
    async listLive(): Promise<GdapRelationshipRow[]> {
      return db
        .select()
        .from(gdapRelationships)
        .where(and(isNotNull(gdapRelationships.relationshipId), inArray(gdapRelationships.status, ['created', 'approvalPending', 'approved', 'activating', 'active', 'expiring', 'terminationRequested', 'terminating'])))
        .orderBy(asc(gdapRelationships.id));
    },

    /**
     * Records a relationship CSP Hub asks for, once per display name (the run's deterministic name):
     * a second call returns the first row.
     */
    async upsertRequested(
      r: { companyId: number; connectionId: string; displayName: string; customerTenantId: string; templateId: number | null; roles: GdapTemplateRoleRow[]; durationDays: number; autoExtend: boolean; runId: string | null },
      now: Date,
    ): Promise<GdapRelationshipRow> {
      await db
        .insert(gdapRelationships)
        .values({ ...r, status: 'requested', createdAt: now, updatedAt: now })
        .onConflictDoNothing({ target: [gdapRelationships.connectionId, gdapRelationships.displayName] });
      return (await this.findByDisplayName(r.connectionId, r.displayName))!;
    },

    async saveFacts(id: number, facts: GdapRelationshipFacts, now: Date): Promise<GdapRelationshipRow> {
      const set: Partial<typeof gdapRelationships.$inferInsert> = { updatedAt: now };
      for (const [k, v] of Object.entries(facts)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
      const [row] = await db.update(gdapRelationships).set(set).where(eq(gdapRelationships.id, id)).returning();
      return row!;
    },

    /** Marks an expiry notice sent; false when it already was (two checks racing send one). */
    async markNoticeSent(id: number, day: number): Promise<boolean> {
      const rows = await db
        .update(gdapRelationships)
        .set({ noticesSent: sql`${gdapRelationships.noticesSent} || ${JSON.stringify([day])}::jsonb` })
        .where(and(eq(gdapRelationships.id, id), sql`not (${gdapRelationships.noticesSent} @> ${JSON.stringify([day])}::jsonb)`))
        .returning({ id: gdapRelationships.id });
      return rows.length > 0;
    },
  };
}
export type GdapRepo = ReturnType<typeof createGdapRepo>;
