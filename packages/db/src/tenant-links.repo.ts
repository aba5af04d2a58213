import { and, eq, ne } from 'drizzle-orm';
import type { Database } from './database';
import { accountSyncOptions, companies } from './schema/index';

/**
 * Which accounts a tenant is linked to in a connection: moving the tenant to another account is
 * decided by `relinkDecision` (packages/domain) from where these accounts sit in the tree.
 */
export function createTenantLinksRepo(db: Database) {
  return {
    async findAccountsLinkedTo(connectionId: string, tenantId: string, exceptCompanyId?: number): Promise<{ companyId: number; companyName: string; companyPath: string }[]> {
      const where = [eq(accountSyncOptions.connectionId, connectionId), eq(accountSyncOptions.tenantId, tenantId)];
      if (exceptCompanyId !== undefined) where.push(ne(accountSyncOptions.companyId, exceptCompanyId));
      return db
        .select({ companyId: companies.id, companyName: companies.name, companyPath: companies.path })
        .from(accountSyncOptions)
        .innerJoin(companies, eq(companies.id, accountSyncOptions.companyId))
        .where(and(...where));
    },
  };
}
export type TenantLinksRepo = ReturnType<typeof createTenantLinksRepo>;
