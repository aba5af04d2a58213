import { and, asc, eq, like, ne, or, sql } from 'drizzle-orm';
import { childPath, idsOfPath } from '@csphub/domain';
import type { Database } from './database';
import { companies } from './schema/index';
import { insertRowsAsJson } from './json-insert';
import { createGeneratedCompanies } from './companies-generated';
import { preparedPerHandle } from './prepared';
import { prerequisiteColumns, scopeColumns, treeColumns } from './company-tree-columns';

function prepareGet(db: Database) {
  return db
    .select()
    .from(companies)
    .where(eq(companies.id, sql.placeholder('id')))
    .prepare('companies_get');
}
function prepareTreeRows(db: Database) {
  return db
    .select(treeColumns)
    .from(companies)
    .where(sql`${companies.id} = any(${sql.placeholder('ids')}::int[])`)
    .prepare('companies_tree_rows');
}
const preparedTreeRows = preparedPerHandle(prepareTreeRows);
function prepareGetMany(db: Database) {
  return db
    .select()
    .from(companies)
    .where(sql`${companies.id} = any(${sql.placeholder('ids')}::int[])`)
    .prepare('companies_get_many');
}
const preparedGetMany = preparedPerHandle(prepareGetMany);
function prepareRoot(db: Database) {
  return db.select().from(companies).where(eq(companies.kind, 'distributor')).orderBy(asc(companies.id)).limit(1).prepare('companies_root');
}
const preparedRoot = preparedPerHandle(prepareRoot);
/**
 * A page of a company's children, each with what a node of the tree shows and its own number of
 * children, with the number of them all (the window's count, taken before the page is cut).
 */
function prepareChildren(db: Database) {
  return db
    .select({ row: treeColumns, childCount: sql<number>`(select count(*) from companies c where c.parent_id = companies.id)::int`, total: sql<number>`(count(*) over ())::int` })
    .from(companies)
    .where(eq(companies.parentId, sql.placeholder('parentId')))
    .orderBy(sql`case ${companies.kind} when 'reseller' then 0 else 1 end`, asc(sql`lower(${companies.name})`), asc(companies.id))
    .offset(sql.placeholder('offset'))
    .limit(sql.placeholder('limit'))
    .prepare('companies_children');
}
const preparedChildren = preparedPerHandle(prepareChildren);
/** The prepared `companies.get` of a handle (a transaction's handle gets its own). */
const preparedGet = preparedPerHandle(prepareGet);
const preparedScope = preparedPerHandle((db: Database) => db.select(scopeColumns).from(companies).where(eq(companies.id, sql.placeholder('id'))).prepare('companies_scope'));

/** A company row as repositories return it. */
export type CompanyRow = typeof companies.$inferSelect;
/** The editable fields of a company (everything but identity, hierarchy and status). */
export type CompanyFields = Partial<Omit<CompanyRow, 'id' | 'kind' | 'parentId' | 'path' | 'status' | 'createdAt' | 'updatedAt' | 'deactivatedAt'>>;

/** A company as a scope check reads it (`scope`): id, kind, parent, path, name. */
export type ScopeRow = Pick<CompanyRow, 'id' | 'kind' | 'parentId' | 'path' | 'name'>;

/** What the provisioning prerequisites read of a company and of its reseller (packages/domain checkPrerequisites). */
export type PrerequisiteRow = Pick<
  CompanyRow,
  'id' | 'kind' | 'parentId' | 'name' | 'status' | 'email' | 'phone' | 'registrationNumber' | 'billingLine1' | 'billingLine2' | 'billingCity' | 'billingState' | 'billingPostalCode' | 'billingCountry' | 'billingUsesResellerAddress'
>;

/** A company as a node of the tree or of a search shows it, with what its readiness needs. */
export type TreeRow = PrerequisiteRow & Pick<CompanyRow, 'path' | 'domain' | 'porStatus' | 'porErrorDescription'>;

/** Companies and their hierarchy (materialized path). */
export function createCompaniesRepo(db: Database) {
  return {
    /** Creates a company under `parent` (none for the distributor root); the path includes its new id. */
    async create(input: { kind: CompanyRow['kind']; parent: Pick<CompanyRow, 'id' | 'path'> | null; name: string; now: Date } & CompanyFields): Promise<CompanyRow> {
      const { parent, now, ...fields } = input;
      const next = await db.execute<{ id: number }>(sql`select nextval(pg_get_serial_sequence('companies', 'id'))::int as id`);
      const id = Number(rowsOf<{ id: number }>(next)[0]!.id);
      const [row] = await db
        .insert(companies)
        .values({ ...fields, id, parentId: parent?.id ?? null, path: childPath(parent?.path ?? null, id), createdAt: now, updatedAt: now })
        .returning();
      return row!;
    },

    /**
     * Creates many companies under one parent in a few statements (ids reserved at once, rows
     * inserted a thousand at a time), for generated data; ordinary creation goes through `create`.
     */
    async createMany(parent: Pick<CompanyRow, 'id' | 'path'>, kind: CompanyRow['kind'], items: ({ name: string } & CompanyFields)[], now: Date, reservedIds?: number[]): Promise<number[]> {
      if (items.length === 0) return [];
      const ids = reservedIds ?? (await this.reserveIds(items.length));
      for (let i = 0; i < items.length; i += 1000) {
        const chunk = items.slice(i, i + 1000).map((fields, j) => {
          const id = ids[i + j]!;
          return { ...fields, id, kind, parentId: parent.id, path: childPath(parent.path, id), createdAt: now, updatedAt: now };
        });
        await insertRowsAsJson(db, companies, chunk);
      }
      return ids;
    },

    /**
     * Generated companies (demo and benchmark data) in one set-based statement, numbered and spread
     * over `parents`; every string field of `template` may say `{n}` for the company's number.
     */
    async createGenerated(input: { parents: Pick<CompanyRow, 'id' | 'path'>[]; kind: CompanyRow['kind']; count: number; first: number; template: { name: string } & CompanyFields; now: Date }): Promise<number[]> {
      return createGeneratedCompanies(db, input);
    },

    /** Ids for companies about to be created (`createMany` with them), so a caller can refer to them first. */
    async reserveIds(n: number): Promise<number[]> {
      if (n === 0) return [];
      const reserved = await db.execute<{ id: number }>(sql`select nextval(pg_get_serial_sequence('companies', 'id'))::int as id from generate_series(1, ${n})`);
      return rowsOf<{ id: number }>(reserved).map((r) => Number(r.id));
    },

    /** Every company route's first read: a prepared statement per database handle (built once, parsed once per connection). */
    async get(id: number): Promise<CompanyRow | undefined> {
      const rows = await preparedGet(db).execute({ id });
      return rows[0];
    },

    /** The few columns of `ScopeRow`, for reads that check the caller's reach and need no more of the company; prepared like `get`. */
    async scope(id: number): Promise<ScopeRow | undefined> {
      const rows = await preparedScope(db).execute({ id });
      return rows[0];
    },

    /** Prepared like `get` (the company page's breadcrumbs read the ancestors on every view). */
    async getMany(ids: number[]): Promise<CompanyRow[]> {
      if (ids.length === 0) return [];
      return preparedGetMany(db).execute({ ids });
    },

    /** Like `getMany`, with only the columns of a tree node (`TreeRow`). */
    async treeRows(ids: number[]): Promise<TreeRow[]> {
      if (ids.length === 0) return [];
      return preparedTreeRows(db).execute({ ids });
    },

    /** The resellers holding a Partner ID (normally one; the distributor sets them). */
    async findByPartnerId(partnerId: string): Promise<CompanyRow[]> {
      return db.select().from(companies).where(or(eq(companies.partnerId, partnerId), eq(companies.partnerLocationId, partnerId))).orderBy(asc(companies.id));
    },

    /** The root (the distributor), or undefined on an empty database. Prepared: many routes read it. */
    async root(): Promise<CompanyRow | undefined> {
      const rows = await preparedRoot(db).execute();
      return rows[0];
    },

    /** The company at `rootPath` and everything beneath it, in path order (parents first). */
    async listSubtree(rootPath: string): Promise<CompanyRow[]> {
      return db.select().from(companies).where(like(companies.path, `${rootPath}%`)).orderBy(asc(companies.path));
    },

    /**
     * The customers and resellers under `rootPath` with only what the prerequisite check reads: at
     * 20,000 companies, half the cost of whole rows (bench/company-tree.bench.ts).
     */
    async listForPrerequisites(rootPath: string): Promise<PrerequisiteRow[]> {
      return db
        .select(prerequisiteColumns)
        .from(companies)
        .where(and(like(companies.path, `${rootPath}%`), ne(companies.kind, 'distributor')));
    },

    /**
     * A fingerprint of the subtree under `rootPath` that changes whenever a row in it is added,
     * changed, moved out or removed: the number of rows and the sum of their row versions (`xmin`,
     * the transaction that wrote each row's current version; a rewritten row always gets a newer
     * one). Costs a scan of the path index, about a fiftieth of reading the rows.
     */
    async subtreeSignature(rootPath: string): Promise<string> {
      const result = await db.execute<{ n: number; v: string | null }>(
        sql`select count(*)::int as n, sum(xmin::text::bigint)::text as v from companies where path like ${`${rootPath}%`}`,
      );
      const row = rowsOf<{ n: number; v: string | null }>(result)[0];
      return `${row?.n ?? 0}:${row?.v ?? ''}`;
    },

    /**
     * One branch of the tree: the direct children of `parentId` as tree nodes, each with its own
     * number of children, resellers before customers, then by name, a page at a time, with how many
     * there are in all.
     */
    async children(parentId: number, page: { offset: number; limit: number }): Promise<{ rows: (TreeRow & { childCount: number })[]; total: number }> {
      const found = await preparedChildren(db).execute({ parentId, offset: page.offset, limit: page.limit });
      if (found.length > 0 || page.offset === 0) return { rows: found.map((f) => ({ ...f.row, childCount: Number(f.childCount) })), total: Number(found[0]?.total ?? 0) };
      // A page past the end has no row to carry the total.
      const counted = await db.select({ n: sql<number>`count(*)::int` }).from(companies).where(eq(companies.parentId, parentId));
      return { rows: [], total: Number(counted[0]?.n ?? 0) };
    },

    /**
     * Companies under `rootPath` (the root included) whose name or domain contains `query` (any
     * case) or whose id is `query` (every one when `query` is empty), by name, at most `limit`. The path prefix narrows on its index
     * first; `%` and `_` in the query are taken literally.
     */
    async search(rootPath: string, query: string, opts: { limit: number; kind?: CompanyRow['kind'] | undefined; status?: CompanyRow['status'] | undefined }): Promise<TreeRow[]> {
      const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const id = /^\d{1,9}$/.test(query.trim()) ? Number(query.trim()) : undefined;
      // `search_text`: lower(name), a line break, lower(domain), kept by the database (migration
      // companies_search_text); a query holding a line break matches no name or domain.
      const matchesText = query.includes('\n') ? sql`false` : sql`search_text like ${pattern}`;
      const text = query.trim() === '' ? undefined : or(matchesText, id !== undefined ? eq(companies.id, id) : undefined);
      return db
        .select(treeColumns)
        .from(companies)
        .where(and(like(companies.path, `${rootPath}%`), text, opts.kind ? eq(companies.kind, opts.kind) : undefined, opts.status ? eq(companies.status, opts.status) : undefined))
        .orderBy(asc(sql`lower(${companies.name})`), asc(companies.id))
        .limit(opts.limit);
    },

    /** The ancestors of a company (root first), excluding the company itself. */
    async ancestors(path: string): Promise<CompanyRow[]> {
      const ids = idsOfPath(path).slice(0, -1);
      const rows = await this.getMany(ids);
      return ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
    },

    async update(id: number, fields: CompanyFields, now: Date): Promise<CompanyRow> {
      const [row] = await db
        .update(companies)
        .set({ ...fields, updatedAt: now })
        .where(eq(companies.id, id))
        .returning();
      return row!;
    },

    async setStatus(id: number, status: 'active' | 'inactive', now: Date): Promise<CompanyRow> {
      const [row] = await db
        .update(companies)
        .set({ status, deactivatedAt: status === 'inactive' ? now : null, updatedAt: now })
        .where(eq(companies.id, id))
        .returning();
      return row!;
    },

    /** Active companies directly or indirectly under `path` (not counting itself). */
    async countActiveDescendants(path: string): Promise<number> {
      const rows = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(companies)
        .where(and(like(companies.path, `${path}%`), ne(companies.path, path), eq(companies.status, 'active')));
      return rows[0]?.n ?? 0;
    },

    /** Moves a company under a new parent, rewriting its path and its descendants' paths in one statement. */
    async move(company: Pick<CompanyRow, 'id' | 'path'>, newParent: Pick<CompanyRow, 'id' | 'path'>, now: Date): Promise<CompanyRow> {
      const newPath = childPath(newParent.path, company.id);
      await db.execute(
        sql`update companies set path = ${newPath} || substr(path, ${company.path.length + 1}), updated_at = ${now.toISOString()}::timestamptz where path like ${company.path + '%'}`,
      );
      const [row] = await db.update(companies).set({ parentId: newParent.id }).where(eq(companies.id, company.id)).returning();
      return row!;
    },

    async count(): Promise<number> {
      const rows = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(companies);
      return rows[0]?.n ?? 0;
    },
  };
}
export type CompaniesRepo = ReturnType<typeof createCompaniesRepo>;

/** node-postgres answers `{ rows }`, PGlite's drizzle answers `{ rows }` too; older shapes are arrays. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
