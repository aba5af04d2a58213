import { and, eq } from 'drizzle-orm';
import type { Database } from './database';
import { accountSyncOptions } from './schema/index';

export type AccountSyncOptionsRow = typeof accountSyncOptions.$inferSelect;
export type AccountSyncOptionsFields = Partial<Omit<AccountSyncOptionsRow, 'companyId' | 'connectionId' | 'updatedAt'>>;

/** Per-account, per-connection sync options and status. */
export function createAccountSyncOptionsRepo(db: Database) {
  return {
    async listForCompany(companyId: number): Promise<AccountSyncOptionsRow[]> {
      return db.select().from(accountSyncOptions).where(eq(accountSyncOptions.companyId, companyId));
    },
    async get(companyId: number, connectionId: string): Promise<AccountSyncOptionsRow | undefined> {
      const rows = await db
        .select()
        .from(accountSyncOptions)
        .where(and(eq(accountSyncOptions.companyId, companyId), eq(accountSyncOptions.connectionId, connectionId)));
      return rows[0];
    },
    /** Creates or changes the options of one account in one connection. */
    async upsert(companyId: number, connectionId: string, fields: AccountSyncOptionsFields, now: Date): Promise<AccountSyncOptionsRow> {
      const [row] = await db
        .insert(accountSyncOptions)
        .values({ ...fields, companyId, connectionId, updatedAt: now })
        .onConflictDoUpdate({ target: [accountSyncOptions.companyId, accountSyncOptions.connectionId], set: { ...fields, updatedAt: now } })
        .returning();
      return row!;
    },
  };
}
export type AccountSyncOptionsRepo = ReturnType<typeof createAccountSyncOptionsRepo>;
