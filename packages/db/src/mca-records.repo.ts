import { and, eq } from 'drizzle-orm';
import type { Database } from './database';
import { accountSyncOptions, connections } from './schema/index';

/**
 * What CSP Hub keeps of the Microsoft Customer Agreement (docs/PARTNER-CENTER-REFERENCE.md §5): the
 * version each account last accepted, and the current version each connection's Partner Center
 * lists. The cockpit's "needs re-acceptance" compares the two without calling Partner Center.
 */
export function createMcaRecordsRepo(db: Database) {
  return {
    /** The version (agreement `templateId`) the customer accepted in this connection, and when (null when Microsoft gives no date). */
    async recordAcceptance(a: { companyId: number; connectionId: string; templateId: string; acceptedAt: Date | null }): Promise<void> {
      await db
        .update(accountSyncOptions)
        .set({ mcaTemplateId: a.templateId.toLowerCase(), mcaAcceptedAt: a.acceptedAt })
        .where(and(eq(accountSyncOptions.companyId, a.companyId), eq(accountSyncOptions.connectionId, a.connectionId)));
    },
    /** The current version the connection's Partner Center lists (the highest `versionRank`). */
    async recordCurrentVersion(connectionId: string, current: { templateId: string; versionRank: number }, at: Date): Promise<void> {
      await db.update(connections).set({ mcaTemplateId: current.templateId.toLowerCase(), mcaVersionRank: current.versionRank, mcaCheckedAt: at }).where(eq(connections.id, connectionId));
    },
  };
}

export type McaRecordsRepo = ReturnType<typeof createMcaRecordsRepo>;
