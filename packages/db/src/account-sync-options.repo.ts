import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from './database';
import { accountSyncOptions, companies, connections } from './schema/index';
import { preparedPerHandle } from './prepared';

export type AccountSyncOptionsRow = typeof accountSyncOptions.$inferSelect;
/** A company's sync option with a tenant, its connection, and the Partner IDs of the company's parent. */
export interface LinkedTenantRow {
  connectionId: string;
  tenantId: string | null;
  defaultDomain: string | null;
  resellerPartnerId: string | null;
  connection: { id: string; name: string; type: 'direct-bill' | 'indirect-provider'; region: string };
  parent: { kind: 'distributor' | 'reseller' | 'customer'; partnerId: string | null; partnerLocationId: string | null } | null;
}

const parentCompany = alias(companies, 'parent');
function prepareLinked(db: Database) {
  return db
    .select({
      connectionId: accountSyncOptions.connectionId,
      tenantId: accountSyncOptions.tenantId,
      defaultDomain: accountSyncOptions.defaultDomain,
      resellerPartnerId: accountSyncOptions.resellerPartnerId,
      connection: { id: connections.id, name: connections.name, type: connections.type, region: connections.region },
      parent: { kind: parentCompany.kind, partnerId: parentCompany.partnerId, partnerLocationId: parentCompany.partnerLocationId },
    })
    .from(accountSyncOptions)
    .innerJoin(
      connections,
      and(
        eq(connections.id, accountSyncOptions.connectionId),
        // The distributor's connections, as `companies.root()` finds the distributor.
        eq(connections.ownerCompanyId, sql`(select ${companies.id} from ${companies} where ${companies.kind} = 'distributor' order by ${companies.id} limit 1)`),
      ),
    )
    .leftJoin(parentCompany, eq(parentCompany.id, sql.placeholder('parentId')))
    .where(eq(accountSyncOptions.companyId, sql.placeholder('companyId')))
    .orderBy(asc(connections.name), asc(connections.id))
    .prepare('account_sync_options_linked');
}
const preparedLinked = preparedPerHandle(prepareLinked);

export type AccountSyncOptionsFields = Partial<Omit<AccountSyncOptionsRow, 'companyId' | 'connectionId' | 'updatedAt'>>;

/** Per-account, per-connection sync options and status. */
export function createAccountSyncOptionsRepo(db: Database) {
  return {
    async listForCompany(companyId: number): Promise<AccountSyncOptionsRow[]> {
      return db.select().from(accountSyncOptions).where(eq(accountSyncOptions.companyId, companyId));
    },
    /**
     * The sync options of `companyId` in the distributor's connections, each with its connection and
     * the Partner IDs of the company's parent (`parentId`), in one prepared statement: what the
     * commerce routes read on every view to find a company's tenants (before, four statements: the
     * root, its connections, the options and the parent). In connection name order.
     */
    async listLinked(companyId: number, parentId: number | null): Promise<LinkedTenantRow[]> {
      return (await preparedLinked(db).execute({ companyId, parentId })) as LinkedTenantRow[];
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
