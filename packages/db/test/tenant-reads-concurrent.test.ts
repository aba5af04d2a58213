import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createRepos, createSecretBox, createSubscriptionTermsRepo, createTenantLicencesRepo } from '@csphub/db';

const now = new Date('2026-01-15T10:00:00Z');

/**
 * Two reads of one tenant's subscriptions at once (a view and its background refresh, or two
 * processes) each replace the tenant's stored terms and licences: both must succeed, one after the
 * other, rather than the second insert meeting the rows the first committed (a unique violation
 * the API answered as a 409). On PostgreSQL the writes really overlap; PGlite has one connection.
 */
describe('a tenant read stored twice at once', () => {
  let t: TestDatabase;
  let key: { companyId: number; connectionId: string; tenantId: string };
  beforeAll(async () => {
    t = await createTestDatabase();
    const repos = createRepos(t.db, createSecretBox(randomBytes(32)));
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    const c = await repos.companies.create({ kind: 'customer', parent: d, name: 'Customer', now });
    const conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: '11111111-1111-1111-1111-111111111111', appId: 'app', appSecret: 'secret' }, now);
    key = { companyId: c.id, connectionId: conn.id, tenantId: '22222222-2222-2222-2222-222222222222' };
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('replaces the licences and the term ends from overlapping reads without a conflict', async () => {
    const licences = createTenantLicencesRepo(t.db);
    const terms = createSubscriptionTermsRepo(t.db);
    const skus = [1, 2, 3].map((i) => ({ skuId: `sku-${i}`, name: `SKU ${i}`, totalUnits: 10, consumedUnits: i, availableUnits: 10 - i, status: 'Enabled' }));
    const subs = [1, 2, 3].map((i) => ({ subscriptionId: `sub-${i}`, productName: `Product ${i}`, quantity: 10, status: 'active', autoRenew: true, termEndsAt: now, outcome: 'renew' as const, nextQuantity: null }));
    const writes = Array.from({ length: 8 }, (_, i) => [licences.replaceForTenant(key, skus, new Date(now.getTime() + i)), terms.replaceForTenant(key, subs, new Date(now.getTime() + i))]).flat();
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await licences.listForTenant(key.connectionId, key.tenantId)).toHaveLength(3);
  });
});
