import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createRepos, createSecretBox, schema, type Repos } from '@csphub/db';

const now = new Date('2026-01-15T10:00:00Z');

/** The database's own message for a refused statement (Drizzle wraps it as the cause). */
async function refusal(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
  return 'the statement succeeded';
}

describe(`channel and accounts repositories (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestDatabase;
  let repos: Repos;
  const box = createSecretBox(randomBytes(32));
  beforeAll(async () => {
    t = await createTestDatabase();
    repos = createRepos(t.db, box);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('builds the hierarchy as materialized paths and moves a customer with its path rewritten', async () => {
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    const r1 = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Reseller One', now });
    const r2 = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Reseller Two', now });
    const c = await repos.companies.create({ kind: 'customer', parent: r1, name: 'Customer', now });
    expect(d.id).toBeGreaterThanOrEqual(100001);
    expect(c.path).toBe(`/${d.id}/${r1.id}/${c.id}/`);
    expect((await repos.companies.listSubtree(r1.path)).map((x) => x.id)).toEqual([r1.id, c.id]);
    expect((await repos.companies.ancestors(c.path)).map((x) => x.name)).toEqual(['Distributor', 'Reseller One']);

    const moved = await repos.companies.move(c, r2, now);
    expect(moved.parentId).toBe(r2.id);
    expect(moved.path).toBe(`/${d.id}/${r2.id}/${c.id}/`);
    expect((await repos.companies.listSubtree(r1.path)).map((x) => x.id)).toEqual([r1.id]);
    expect(await repos.companies.countActiveDescendants(r2.path)).toBe(1);
  });

  it('keeps the audit log append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const root = (await repos.companies.root())!;
    const entry = await repos.auditLog.append({
      at: now,
      companyId: root.id,
      actor: { type: 'system', id: null, label: 'test' },
      action: 'connection.created',
      targetType: 'connection',
      targetId: 'x',
      summary: 'created',
      after: { name: 'EU', appSecret: 'super-secret-value' },
    });
    expect(entry.after).toEqual({ name: 'EU', appSecret: '***' });
    expect(await refusal(t.db.update(schema.auditLog).set({ summary: 'tampered' }))).toMatch(/append-only: UPDATE/);
    expect(await refusal(t.db.delete(schema.auditLog))).toMatch(/append-only: DELETE/);
    expect(await refusal(t.db.execute(sql`truncate audit_log`))).toMatch(/append-only: TRUNCATE/);
    const rows = await repos.auditLog.list({ pathPrefix: root.path, limit: 10 });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.summary).toBe('created');
  });

  it('stores connection secrets sealed and returns them only through readCredentials', async () => {
    const root = (await repos.companies.root())!;
    const conn = await repos.connections.create(
      root.id,
      { name: 'EU indirect', region: 'ES', type: 'indirect-provider', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 'app-secret-123', refreshToken: 'rt-456' },
      now,
    );
    expect(conn).not.toHaveProperty('appSecretEnc');
    expect(conn).toMatchObject({ hasAppSecret: true, hasRefreshToken: true });
    const raw = await t.db.select().from(schema.connections);
    expect(JSON.stringify(raw)).not.toContain('app-secret-123');
    expect(JSON.stringify(raw)).not.toContain('rt-456');
    expect(await repos.connections.readCredentials(conn.id)).toEqual({ tenantId: 't', appId: 'a', appSecret: 'app-secret-123', refreshToken: 'rt-456' });
    const cleared = await repos.connections.update(conn.id, { refreshToken: null }, now);
    expect(cleared.hasRefreshToken).toBe(false);
    // Another key cannot open what this one sealed.
    const other = createRepos(t.db, createSecretBox(randomBytes(32)));
    await expect(other.connections.readCredentials(conn.id)).rejects.toThrow(/secret key/);
  });

  it("records when a connection's refresh token was consented and issued: a rotation moves only the issue, a re-consent both", async () => {
    const root = (await repos.companies.root())!;
    const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
    const conn = await repos.connections.create(root.id, { name: 'RT dates', region: 'ES', type: 'indirect-provider', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 's', refreshToken: 'rt-1' }, now);
    expect(conn).toMatchObject({ refreshTokenConsentedAt: now, refreshTokenIssuedAt: now });
    await repos.connections.storeRefreshToken(conn.id, 'rt-2', later(10));
    expect(await repos.connections.get(conn.id)).toMatchObject({ refreshTokenConsentedAt: now, refreshTokenIssuedAt: later(10) });
    const replaced = await repos.connections.replaceRefreshToken(conn.id, 'rt-3', later(20));
    expect(replaced).toMatchObject({ refreshTokenConsentedAt: later(20), refreshTokenIssuedAt: later(20), hasRefreshToken: true });
    expect((await repos.connections.readCredentials(conn.id))?.refreshToken).toBe('rt-3');
    expect(JSON.stringify(await t.db.select().from(schema.connections))).not.toContain('rt-3');
    // Editing other fields keeps the dates; clearing the token clears them.
    expect(await repos.connections.update(conn.id, { appId: 'b' }, later(21))).toMatchObject({ refreshTokenIssuedAt: later(20) });
    expect(await repos.connections.update(conn.id, { refreshToken: null }, later(22))).toMatchObject({ refreshTokenConsentedAt: null, refreshTokenIssuedAt: null });
    const direct = await repos.connections.create(root.id, { name: 'RT none', region: 'ES', type: 'direct-bill', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 's' }, now);
    expect(direct).toMatchObject({ refreshTokenConsentedAt: null, refreshTokenIssuedAt: null });
  });

  it('counts concurrent updates of a sign-in key one after another (row lock), none lost', async () => {
    const keys = [{ scope: 'account_source' as const, key: 'a@x.test 10.0.0.1' }, { scope: 'source' as const, key: '10.0.0.1' }];
    const seen = await Promise.all(
      Array.from({ length: 40 }, () =>
        repos.signInThrottles.update(keys, now, (current) => ({
          result: current[0]!.state?.failures ?? 0,
          next: current.map((k) => ({ ...k, state: { failures: (k.state?.failures ?? 0) + 1, blockedUntil: null, lastAttemptAt: now } })),
        })),
      ),
    );
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect((await repos.signInThrottles.get('account_source', 'a@x.test 10.0.0.1'))!.failures).toBe(40);
    expect((await repos.signInThrottles.get('source', '10.0.0.1'))!.failures).toBe(40);
    await repos.signInThrottles.update(keys, now, (current) => ({ result: null, next: current.map((k) => ({ ...k, state: null })) }));
    expect(await repos.signInThrottles.get('source', '10.0.0.1')).toBeUndefined();
  });

  it('keeps sync options per account and per connection', async () => {
    const root = (await repos.companies.root())!;
    const c = await repos.companies.create({ kind: 'customer', parent: root, name: 'Direct Customer', now });
    const [a, b] = await Promise.all([
      repos.connections.create(root.id, { name: 'A', region: 'US', type: 'direct-bill', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 's' }, now),
      repos.connections.create(root.id, { name: 'B', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: 't', appId: 'a', appSecret: 's' }, now),
    ]);
    await repos.syncOptions.upsert(c.id, a!.id, { domainPrefix: 'contosoa', syncStatus: 'synced', tenantId: 'tenant-a' }, now);
    await repos.syncOptions.upsert(c.id, b!.id, { domainPrefix: 'contosob' }, now);
    await repos.syncOptions.upsert(c.id, b!.id, { syncStatus: 'failed', failureReason: 'prefix taken' }, now);
    const rows = await repos.syncOptions.listForCompany(c.id);
    expect(rows.map((r) => [r.domainPrefix, r.syncStatus, r.tenantId]).sort()).toEqual([
      ['contosoa', 'synced', 'tenant-a'],
      ['contosob', 'failed', null],
    ]);
  });
});
