import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepos, createSecretBox, type ConnectionSummary } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createCatalogService } from '../../src/commerce/catalog-service';
import type { CommerceDeps } from '../../src/commerce/commerce-deps';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';

const HOUR = 3_600_000;

/**
 * The catalog cache against the emulator: loaded on first use, served from the cache
 * afterwards without calling Partner Center, refreshed in the background once older than a day, and
 * kept as it was (with the reason) when a refresh fails.
 */
describe('catalog cache', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let conn: ConnectionSummary;
  let client: PartnerCenterClient;
  let now = new Date();
  const box = createSecretBox(randomBytes(32));
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    db = await createTestDatabase();
    const repos = createRepos(db.db, box);
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret }, now);
    client = createPartnerCenterClient({
      connection: { id: conn.id, name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, ...emulatorEndpoints(emulator.url) },
      retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
    });
  });
  afterAll(async () => {
    await emulator?.close();
    await db?.dispose();
  });

  const deps = (): CommerceDeps => ({
    db: db.db,
    box,
    clock: { now: () => now },
    trustProxy: false,
    secureCookies: false,
    emulatorUrl: emulator.url,
    connectionTester: { test: async () => ({ ok: true, checks: [], testedAt: '' }) },
    partnerCenterFor: async () => client,
    orderRuns: {},
    publicUrl: 'http://csphub.test',
  });
  const calls = () => client.metrics.snapshot().total.calls;

  it('loads a country on first use, then serves it from the cache without calling Partner Center', async () => {
    const catalog = createCatalogService(deps());
    try {
      const first = await catalog.read(conn.id, 'mx');
      expect(first.rows.length).toBeGreaterThan(10);
      expect(first.snapshot?.partnerCenterCalls).toBeGreaterThan(first.rows.length);
      expect(first.rows.find((r) => r.productId === 'CFQ7TTC0LH18')).toMatchObject({ category: 'Online services', productGroup: 'Microsoft 365', minimumQuantity: 1, maximumQuantity: 300 });
      const before = calls();
      const again = await catalog.read(conn.id, 'MX');
      expect(again.rows).toHaveLength(first.rows.length);
      expect(calls()).toBe(before);
    } finally {
      catalog.stop();
    }
  });

  it('refreshes in the background once a day old, and keeps the old catalog with the reason when a refresh fails', async () => {
    const catalog = createCatalogService(deps());
    try {
      const loaded = (await catalog.read(conn.id, 'MX')).snapshot!.refreshedAt!;
      now = new Date(now.getTime() + 25 * HOUR);
      const stale = await catalog.read(conn.id, 'MX');
      expect(stale.refreshing).toBe(true); // served at once from the cache, refresh under way
      const result = await catalog.refresh(conn.id, 'MX');
      expect(result.ok).toBe(true);
      const fresh = await catalog.read(conn.id, 'MX');
      expect(fresh.snapshot!.refreshedAt!.getTime()).toBeGreaterThan(loaded.getTime());

      // Partner Center answers 503 to the products list: the refresh fails, the catalog stays.
      await createEmulatorControl(emulator.url).injectFault({ route: 'GET /v1/products', status: 503, count: 5 });
      const failed = await catalog.refresh(conn.id, 'MX');
      expect(failed.ok).toBe(false);
      const after = await catalog.read(conn.id, 'MX');
      expect(after.rows).toHaveLength(fresh.rows.length);
      expect(after.snapshot!.lastError).toBeTruthy();
    } finally {
      catalog.stop();
    }
  });
});
