import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from './database';
import { publishGdapExpiring, publishGdapStatusChange } from './gdap-events';
import { accountSyncOptions, gdapRelationships, gdapTemplates, type GdapAccessAssignmentRow, type GdapTemplateGroupRow, type GdapTemplateRoleRow } from './schema';

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
  customerName?: string | null;
  syncedAt?: Date | null;
}

/** One relationship as Graph lists it (the cockpit's read of a whole connection). */
export interface GdapGraphRead {
  relationshipId: string;
  displayName: string;
  customerTenantId: string | null;
  customerName: string | null;
  status: string;
  roleIds: string[];
  durationDays: number;
  autoExtend: boolean;
  activatedAt: Date | null;
  endsAt: Date | null;
  /** Read only for active relationships; null keeps what is stored. */
  accessAssignments: GdapAccessAssignmentRow[] | null;
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

    async getByGraphId(connectionId: string, relationshipId: string): Promise<GdapRelationshipRow | undefined> {
      const [row] = await db.select().from(gdapRelationships).where(and(eq(gdapRelationships.connectionId, connectionId), eq(gdapRelationships.relationshipId, relationshipId)));
      return row;
    },

    /**
     * Stores what the run or the check learnt, and in the same transaction publishes what a change
     * of status means (`gdap.active`, `gdap.expired`).
     */
    async saveFacts(id: number, facts: GdapRelationshipFacts, now: Date): Promise<GdapRelationshipRow> {
      return db.transaction(async (t) => {
        const tx = t as unknown as Database;
        const [before] = await tx.select().from(gdapRelationships).where(eq(gdapRelationships.id, id)).for('update');
        const set: Partial<typeof gdapRelationships.$inferInsert> = { updatedAt: now };
        for (const [k, v] of Object.entries(facts)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
        const [row] = await tx.update(gdapRelationships).set(set).where(eq(gdapRelationships.id, id)).returning();
        await publishGdapStatusChange(tx, before, row!, now);
        return row!;
      });
    },

    /**
     * Stores one relationship Graph listed: the row CSP Hub has for it (by Graph id, else by its
     * unique display name, so a run whose create answer was lost finds its row), or a new row when
     * the relationship's tenant is linked to an account in that connection. Answers undefined for
     * a relationship with no such account (nothing in the portfolio to show it on).
     */
    async upsertFromGraph(connectionId: string, r: GdapGraphRead, now: Date): Promise<GdapRelationshipRow | undefined> {
      // By display name only a row still without a Graph id (Graph keeps display names unique per partner).
      const byName = await this.findByDisplayName(connectionId, r.displayName);
      const existing = (await this.getByGraphId(connectionId, r.relationshipId)) ?? (byName && !byName.relationshipId ? byName : undefined);
      const names = new Map((existing?.roles ?? []).map((x) => [x.id.toLowerCase(), x.name]));
      const facts = {
        relationshipId: r.relationshipId,
        status: r.status,
        roles: r.roleIds.map((id) => ({ id, name: names.get(id.toLowerCase()) ?? id })),
        autoExtend: r.autoExtend,
        activatedAt: r.activatedAt,
        endsAt: r.endsAt,
        customerName: r.customerName,
        syncedAt: now,
        ...(r.accessAssignments ? { accessAssignments: r.accessAssignments } : {}),
      };
      if (existing) return this.saveFacts(existing.id, facts, now);
      if (!r.customerTenantId) return undefined;
      const [link] = await db
        .select({ companyId: accountSyncOptions.companyId })
        .from(accountSyncOptions)
        .where(and(eq(accountSyncOptions.connectionId, connectionId), sql`lower(${accountSyncOptions.tenantId}) = ${r.customerTenantId.toLowerCase()}`))
        .limit(1);
      if (!link) return undefined;
      const [row] = await db
        .insert(gdapRelationships)
        .values({ ...facts, companyId: link.companyId, connectionId, displayName: r.displayName, customerTenantId: r.customerTenantId, templateId: null, durationDays: r.durationDays, accessAssignments: r.accessAssignments ?? [], runId: null, createdAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning();
      return row ?? this.getByGraphId(connectionId, r.relationshipId);
    },

    /** When relationships were last read from Graph (any connection); null: never. */
    async lastSyncedAt(): Promise<Date | null> {
      const [row] = await db.select({ at: sql<unknown>`max(${gdapRelationships.syncedAt})` }).from(gdapRelationships);
      const at = row?.at;
      return at === null || at === undefined ? null : at instanceof Date ? at : new Date(String(at));
    },

    /**
     * Marks an expiry notice sent; false when it already was (two checks racing send one). The
     * first notice of an end date publishes `gdap.expiring` in the same transaction.
     */
    async markNoticeSent(id: number, day: number, now: Date): Promise<boolean> {
      return db.transaction(async (t) => {
        const tx = t as unknown as Database;
        const rows = await tx
          .update(gdapRelationships)
          .set({ noticesSent: sql`${gdapRelationships.noticesSent} || ${JSON.stringify([day])}::jsonb` })
          .where(and(eq(gdapRelationships.id, id), sql`not (${gdapRelationships.noticesSent} @> ${JSON.stringify([day])}::jsonb)`))
          .returning();
        if (rows[0]) await publishGdapExpiring(tx, rows[0], now);
        return rows.length > 0;
      });
    },
  };
}
export type GdapRepo = ReturnType<typeof createGdapRepo>;
