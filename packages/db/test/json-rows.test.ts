import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { numeric, pgTable } from 'drizzle-orm/pg-core';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createOrdersRepo, createRepos, createSecretBox, schema, type Repos } from '@csphub/db';
import { jsonRowsRead } from '../src/json-rows';

const { auditLog, companies, orders } = schema;

/**
 * Orders and audit entries are listed as one JSON text built by the database (src/json-rows.ts):
 * the rows must be exactly those Drizzle maps from a plain select (JSON columns, nulls, timestamps
 * with microseconds, whole numbers), in the same order, cut at the same limit.
 */
describe('list reads as one JSON text', () => {
  let t: TestDatabase;
  let repos: Repos;
  let customerId: number;
  beforeAll(async () => {
    t = await createTestDatabase();
    repos = createRepos(t.db, createSecretBox(randomBytes(32)));
    const now = new Date('2026-01-15T10:00:00Z');
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    const c = await repos.companies.create({ kind: 'customer', parent: d, name: 'Customer "Ñandú" \\ x', now });
    customerId = c.id;
    const conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: '11111111-1111-1111-1111-111111111111', appId: 'app', appSecret: 'secret' }, now);
    await t.db.execute(sql`
      insert into orders (id, company_id, connection_id, customer_tenant_id, reference, idempotency_key, status, lines, cart_id, microsoft_order_ids, error_code, created_by, created_at, updated_at)
      select gen_random_uuid(), ${c.id}, ${conn.id}, 'tenant', 'REF-' || g, case when g % 2 = 0 then 'key-' || g end, 'fulfilled',
             jsonb_build_array(jsonb_build_object('catalogItemId', 'A:B:C', 'quantity', g, 'price', 1.50, 'note', e'line\\n"' || g)),
             case when g % 3 = 0 then 'cart' end, '["m1"]'::jsonb, null, 'bench',
             '2026-01-15 10:00:00.123456+00'::timestamptz - (g % 4) * interval '1 hour 0.000999 second', now()
      from generate_series(1, 9) g`);
    await repos.auditLog.appendMany(
      Array.from({ length: 6 }, (_, i) => ({
        at: new Date(now.getTime() - i * 1000),
        companyId: c.id,
        actor: { type: 'user' as const, id: i % 2 ? null : 'u', label: 'someone' },
        action: 'company.updated',
        targetType: 'company',
        targetId: c.id,
        summary: `edit ${i}`,
        ...(i % 2 ? {} : { before: { phone: String(i), n: 1.0, deep: [null, true, { x: 'é' }] } }),
        after: i === 3 ? null : { phone: String(i + 1) },
      })),
    );
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("lists a company's orders as Drizzle's select does", async () => {
    const expected = await t.db.select().from(orders).where(eq(orders.companyId, customerId)).orderBy(desc(orders.createdAt), desc(orders.id)).limit(100);
    const got = await createOrdersRepo(t.db).listForCompany(customerId);
    expect(got).toHaveLength(9);
    // Orders made in the same instant come in either order, as before.
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...got].sort(byId)).toEqual([...expected].sort(byId));
    expect(got.map((o) => o.createdAt.getTime())).toEqual(expected.map((o) => o.createdAt.getTime()));
    expect(got[0]!.createdAt.toISOString()).toBe('2026-01-15T10:00:00.123Z');
    expect(await createOrdersRepo(t.db).listForCompany(customerId, 2)).toHaveLength(2);
    expect(await createOrdersRepo(t.db).listForCompany(customerId + 1000)).toEqual([]);
  });

  it('lists audit entries with their company name as Drizzle maps them', async () => {
    const expected = await t.db
      .select({ entry: auditLog, companyName: companies.name })
      .from(auditLog)
      .innerJoin(companies, eq(companies.id, auditLog.companyId))
      .where(eq(auditLog.companyId, customerId))
      .orderBy(desc(auditLog.id))
      .limit(4);
    const got = await repos.auditLog.list({ companyId: customerId, limit: 4 });
    expect(got).toEqual(expected.map((r) => ({ ...r.entry, companyName: r.companyName })));
    expect(got.map((e) => e.summary)).toEqual(['edit 5', 'edit 4', 'edit 3', 'edit 2']);
  });

  it('refuses a column whose JSON value would differ from what Drizzle returns', () => {
    const priced = pgTable('priced', { amount: numeric() });
    expect(() => jsonRowsRead(getTableColumns(priced), [{ key: 'amount' }])).toThrow(/amount/);
  });
});
