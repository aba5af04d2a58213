import { randomBytes } from 'node:crypto';
import { loadConfig } from '@csphub/config';
import { createRepos, createSecretBox, type CompanyRow, type ConnectionSummary, type Repos } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { createApp } from '../../src/create-app';
import { hashPassword } from '../../src/security/password';
import { testAppDeps, type TestAppOptions } from '../test-app';

export const WORLD_PASSWORD = 'correct-horse-battery';
export const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
export const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;

export interface WingtipWorld {
  emulator: RunningEmulator;
  db: TestDatabase;
  repos: Repos;
  distributor: CompanyRow;
  /** The reseller (Partner ID 6100001) Wingtip buys through. */
  adatum: CompanyRow;
  customer: CompanyRow;
  conn: ConnectionSummary;
  /** The LATAM connection's client against the emulator, the one the app uses unless told otherwise. */
  client: PartnerCenterClient;
  app: ReturnType<typeof createApp>;
  dispose(): Promise<void>;
}

/**
 * The commerce suites' channel: a distributor with the LATAM connection on its own emulator, the
 * reseller Adatum and its customer Wingtip Toys linked to the scenario's Wingtip tenant, and
 * `admin@dist.test` (distributor admin) and `ops@adatum.test` (reseller operator), both with
 * WORLD_PASSWORD. `resellerOfRecord` records Adatum as the tenant's reseller; `appOptions` adds to
 * (or replaces) the app's test options once the client exists.
 */
export async function wingtipWorld(opts: { resellerOfRecord?: boolean; appOptions?: (client: PartnerCenterClient, emulator: RunningEmulator) => TestAppOptions } = {}): Promise<WingtipWorld> {
  const emulator = await startEmulator({ port: 0 });
  const db = await createTestDatabase();
  const secretKey = randomBytes(32);
  const repos = createRepos(db.db, createSecretBox(secretKey));
  const now = new Date();
  const distributor = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
  const adatum = await repos.companies.create({ kind: 'reseller', parent: distributor, name: 'Adatum', partnerId: '6100001', now });
  const customer = await repos.companies.create({ kind: 'customer', parent: adatum, name: 'Wingtip Toys', billingCountry: 'MX', now });
  const conn = await repos.connections.create(distributor.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken }, now);
  await repos.syncOptions.upsert(customer.id, conn.id, { tenantId: wingtip.tenantId, syncStatus: 'synced', ...(opts.resellerOfRecord ? { resellerPartnerId: '6100001' } : {}) }, now);
  const passwordHash = await hashPassword(WORLD_PASSWORD);
  await repos.users.create({ companyId: distributor.id, email: 'admin@dist.test', name: 'Dist admin', passwordHash, role: 'distributor_admin', now });
  await repos.users.create({ companyId: adatum.id, email: 'ops@adatum.test', name: 'Reseller operator', passwordHash, role: 'reseller_operator', now });
  const client = createPartnerCenterClient({ connection: { id: conn.id, name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) } });
  const config = loadConfig({ CSPHUB_EMULATOR: 'off' });
  const app = createApp(config, testAppDeps(config, db, secretKey, { partnerCenterFor: async () => client, ...opts.appOptions?.(client, emulator) }));
  return {
    emulator,
    db,
    repos,
    distributor,
    adatum,
    customer,
    conn,
    client,
    app,
    dispose: async () => {
      await emulator.close();
      await db.dispose();
    },
  };
}
