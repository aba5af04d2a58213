import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createEventsRepo, createProvisioningAccountsRepo, createRepos, createSecretBox, publishEvent, type Repos } from '@csphub/db';

const now = new Date('2026-01-15T10:00:00Z');

/**
 * The event outbox as the account's changes write it: each transition publishes once however often
 * a replayed step repeats it, a failure once per distinct reason, and a payload the catalogue does
 * not accept is refused before anything is written.
 */
describe(`events outbox (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  let repos: Repos;
  beforeAll(async () => {
    t = await createTestDatabase();
    repos = createRepos(t.db, createSecretBox(randomBytes(32)));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('publishes tenant.ready once per tenant and tenant.provisioning_failed once per distinct failure', async () => {
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'D', now });
    const r = await repos.companies.create({ kind: 'reseller', parent: d, name: 'R', now });
    const c = await repos.companies.create({ kind: 'customer', parent: r, name: 'C', now });
    const conn = await repos.connections.create(d.id, { name: 'x', region: 'US', type: 'direct-bill', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 's' }, now);
    const accounts = createProvisioningAccountsRepo(t.db, { policy: () => ({ requireCorporateEmail: false, requireSubCustomerBillingAddress: false }), now: () => now });
    const types = async () => (await createEventsRepo(t.db).list({ companyId: c.id })).map((e) => e.type);

    await accounts.setSyncStatus({ companyId: c.id, connectionId: conn.id, status: 'in_progress' });
    await accounts.setSyncStatus({ companyId: c.id, connectionId: conn.id, status: 'not_synced', reason: 'address refused' });
    await accounts.setSyncStatus({ companyId: c.id, connectionId: conn.id, status: 'not_synced', reason: 'address refused' });
    await accounts.setSyncStatus({ companyId: c.id, connectionId: conn.id, status: 'failed', reason: 'MCA refused' });
    expect(await types()).toEqual(['tenant.provisioning_failed', 'tenant.provisioning_failed']);

    const link = { companyId: c.id, connectionId: conn.id, tenantId: '00000000-0000-4000-8000-00000000000a', defaultDomain: 'c.onmicrosoft.com', resellerPartnerId: '1234567', gdap: 'default' as const };
    await accounts.storeTenantLink(link);
    await accounts.storeTenantLink(link);
    await accounts.setSyncStatus({ companyId: c.id, connectionId: conn.id, status: 'synced' });
    expect(await types()).toEqual(['tenant.provisioning_failed', 'tenant.provisioning_failed', 'tenant.ready']);
    const [ready] = await createEventsRepo(t.db).list({ companyId: c.id, type: 'tenant.ready' });
    expect(ready).toMatchObject({ version: 1, companyPath: c.path, data: { companyId: c.id, companyName: 'C', reseller: { id: r.id, name: 'R' }, mca: 'attested', gdap: 'default', defaultDomain: 'c.onmicrosoft.com' } });
    expect(ready!.id).toMatch(/^evt_[0-9a-f]{32}$/);
  });

  it('refuses a payload the catalogue does not accept, writing nothing', async () => {
    const d = (await repos.companies.root())!;
    const before = (await createEventsRepo(t.db).list()).length;
    await expect(publishEvent(t.db, { type: 'order.failed', companyId: d.id, at: now, data: { status: 'lost' } as never })).rejects.toThrow();
    expect((await createEventsRepo(t.db).list()).length).toBe(before);
  });
});
