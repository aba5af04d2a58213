import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createRepos, createSecretBox, rowsOf, type Repos } from '@csphub/db';

const now = new Date('2026-01-15T10:00:00Z');

/**
 * The company search's indexes (migrations companies_name_order, companies_search_trigram and
 * companies_search_text): the repository's own queries are answered through them. The name index on
 * both databases; the trigram index of `search_text` on PostgreSQL only (not on PGlite, see the migrations). 5,000 companies make
 * reading the subtree's path index dear; whole-table scans are turned off inside the test's
 * transaction, as they would lose at a distributor's 20,000 (bench/company-tree.bench.ts).
 */
const postgres = !!process.env.DATABASE_URL;
describe(`company search indexes (${postgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  let repos: Repos;
  let root: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    repos = createRepos(t.db, createSecretBox(randomBytes(32)));
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    const r = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Reseller', now });
    for (const name of ['Contoso Pharma', 'Fabrikam Foods', 'Northwind Traders']) await repos.companies.create({ kind: 'customer', parent: r, name, domain: `${name.split(' ')[0]!.toLowerCase()}.example`, now });
    await t.db.execute(
      sql.raw(`insert into companies (id, kind, parent_id, path, name, domain, status, created_at, updated_at)
        select 500000 + g, 'customer', ${r.id}, '${r.path}' || (500000 + g) || '/', 'Generated ' || g, 'tenant' || g || '.onmicrosoft.com', 'active', now(), now()
        from generate_series(0, 4999) g`),
    );
    await t.db.execute(sql`analyze companies`);
    // What autovacuum does on a live server: move the new rows from GIN's pending list into the index.
    if (postgres) await t.db.execute(sql`select gin_clean_pending_list('companies_search_text_trgm_idx')`);
    root = d.path;
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function indexScans(): Promise<Record<string, number>> {
    await t.db.execute(sql`select pg_stat_force_next_flush()`);
    const rows = rowsOf<{ name: string; scans: number }>(
      await t.db.execute(sql`select indexrelname as name, idx_scan::int as scans from pg_stat_user_indexes where relname = 'companies'`),
    );
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.scans)]));
  }

  it(postgres ? 'finds by part of a name or a domain through the trigram index, and lists by name through the name index' : 'lists by name through the name index, and has no trigram index', async () => {
    const before = await indexScans();
    const found = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const inTx = createRepos(tx as unknown as typeof t.db, createSecretBox(randomBytes(32)));
      return {
        byName: await inTx.companies.search(root, 'wind trad', { limit: 50 }),
        byDomain: await inTx.companies.search(root, 'fabrikam.EXAMPLE', { limit: 50 }),
      };
    });
    expect(found.byName.map((c) => c.name)).toEqual(['Northwind Traders']);
    expect(found.byDomain.map((c) => c.name)).toEqual(['Fabrikam Foods']);
    const afterSearch = await indexScans();
    if (postgres) {
      expect(afterSearch.companies_search_text_trgm_idx).toBeGreaterThan(before.companies_search_text_trgm_idx ?? 0);
      expect(afterSearch.companies_name_trgm_idx).toBeUndefined();
    } else {
      expect(Object.keys(afterSearch).filter((name) => name.includes('trgm'))).toEqual([]);
    }
    // No query: the first by name, read in order from the name index.
    expect((await repos.companies.search(root, '', { limit: 2, kind: 'customer' })).map((c) => c.name)).toEqual(['Contoso Pharma', 'Fabrikam Foods']);
    expect((await indexScans()).companies_name_lower_idx).toBeGreaterThan(afterSearch.companies_name_lower_idx ?? 0);
  });

  it('matches the name or the domain, never text spanning the two', async () => {
    expect((await repos.companies.search(root, 'FOODS', { limit: 50 })).map((c) => c.name)).toEqual(['Fabrikam Foods']);
    expect((await repos.companies.search(root, 'foods\nfabrikam', { limit: 50 })).map((c) => c.name)).toEqual([]);
    expect((await repos.companies.search(root, 'foodsfabrikam', { limit: 50 })).map((c) => c.name)).toEqual([]);
  });
});
