import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createRepos, createSecretBox, type Repos } from '@csphub/db';

const now = new Date('2026-01-15T10:00:00Z');

/** Generated companies (demo and benchmark data) in one statement: numbered, spread over parents, each row as `create` writes it. */
describe('generated companies', () => {
  let t: TestDatabase;
  let repos: Repos;
  beforeAll(async () => {
    t = await createTestDatabase();
    repos = createRepos(t.db, createSecretBox(randomBytes(32)));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('numbers the rows, spreads them in blocks over the parents (the first ones take the remainder) and writes paths from the new ids', async () => {
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    const parents = await repos.companies.getMany(
      await repos.companies.createGenerated({ parents: [d], kind: 'reseller', count: 3, first: 1, template: { name: "O'Reseller {n}", phone: '+1 555 {n}' }, now }),
    );
    expect(parents.map((p) => [p.name, p.phone, p.parentId, p.path])).toEqual(parents.map((p, i) => [`O'Reseller 0000${i + 1}`, `+1 555 0000${i + 1}`, d.id, `${d.path}${p.id}/`]));
    const ids = await repos.companies.createGenerated({ parents, kind: 'customer', count: 8, first: 41, template: { name: 'Customer {n}', domain: 'c{n}.example', billingUsesResellerAddress: true }, now });
    expect(ids).toHaveLength(8);
    const rows = (await repos.companies.getMany(ids)).sort((a, b) => a.id - b.id);
    expect(rows.map((r) => r.name)).toEqual([41, 42, 43, 44, 45, 46, 47, 48].map((n) => `Customer 000${n}`));
    expect(rows.map((r) => parents.findIndex((p) => p.id === r.parentId))).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    for (const r of rows) {
      expect(r.path).toBe(`${parents.find((p) => p.id === r.parentId)!.path}${r.id}/`);
      expect([r.kind, r.status, r.billingUsesResellerAddress, r.createdAt.toISOString()]).toEqual(['customer', 'active', true, now.toISOString()]);
    }
    expect((await repos.companies.search(d.path, 'c00046.EXAMPLE', { limit: 5 })).map((r) => r.name)).toEqual(['Customer 00046']);
    expect((await repos.companies.children(parents[2]!.id, { offset: 0, limit: 10 })).total).toBe(2);
    // Ordinary creation goes on after the generated ids.
    expect((await repos.companies.create({ kind: 'customer', parent: d, name: 'Next', now })).id).toBeGreaterThan(Math.max(...ids));
  });
});
