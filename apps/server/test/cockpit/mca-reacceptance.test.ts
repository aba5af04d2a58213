import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cockpitList, cockpitSummary, createRepos, createSecretBox, schema, type CompanyRow, type ConnectionSummary } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { eq } from 'drizzle-orm';
import { createMcaRecorder, type McaRecorder } from '../../src/onboarding/mca-records';

/**
 * "Needs re-acceptance" in the cockpit: the version a customer accepted is recorded when the
 * acceptance is found or made, the current version each connection lists is read on its own, and
 * the cockpit compares the two from the database. A version Microsoft publishes moves the customer
 * to "needs re-acceptance" once read; accepting the new version moves it back.
 */
describe('MCA re-acceptance in the cockpit', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let client: PartnerCenterClient;
  let conn: ConnectionSummary;
  let customer: CompanyRow;
  let distributorPath: string;
  let recorder: McaRecorder;
  const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
  const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
  const control = () => createEmulatorControl(emulator.url);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    db = await createTestDatabase();
    const repos = createRepos(db.db, createSecretBox(randomBytes(32)));
    const now = new Date();
    const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    distributorPath = d.path;
    const r = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum', partnerId: '6100001', now });
    customer = await repos.companies.create({ kind: 'customer', parent: r, name: 'Wingtip Toys', billingCountry: 'MX', now });
    conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken }, now);
    await repos.syncOptions.upsert(customer.id, conn.id, { tenantId: wingtip.tenantId, syncStatus: 'synced' }, now);
    client = createPartnerCenterClient({ connection: { id: conn.id, name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) } });
    recorder = createMcaRecorder({ db: db.db, clients: { forConnection: async () => ({ client, connection: conn }) }, clock: { now: () => new Date() } });
  });
  afterAll(async () => {
    await emulator?.close();
    await db?.dispose();
  });

  const accept = async (email: string) => {
    const a = await client.createMcaAttestation({ country: 'MX', language: 'es', companyName: 'Wingtip Toys', firstName: 'Ana', lastName: 'López', email });
    await control().decideAttestation(a.attestationId, 'accept');
    await client.createMcaAgreementFromAttestation(wingtip.tenantId, a.attestationId);
  };
  const mca = async () => (await cockpitSummary(db.db, distributorPath, new Date())).mca;
  const listed = async (filter: string) => cockpitList(db.db, 'mca', distributorPath, new Date(), { filter, limit: 50, offset: 0 });

  it('is not available before any current version has been read', async () => {
    expect((await mca()).needsReacceptance).toBeNull();
  });

  it('records the accepted version and counts the customer as accepted while it is the current one', async () => {
    await accept('ana@wingtip.example');
    await recorder.recordAcceptance({ companyId: customer.id, connectionId: conn.id, tenantId: wingtip.tenantId });
    const current = await client.getMcaTemplate();
    const [row] = await db.db.select().from(schema.accountSyncOptions).where(eq(schema.accountSyncOptions.companyId, customer.id));
    expect(row).toMatchObject({ mcaTemplateId: current.templateId.toLowerCase() });
    expect(row!.mcaAcceptedAt).toBeInstanceOf(Date);
    expect(await mca()).toMatchObject({ accepted: 1, needsReacceptance: 0 });
  });

  it('counts and lists the customer as needing re-acceptance once a newer version is read, and not before', async () => {
    const before = await client.getMcaTemplate();
    await control().publishMcaVersion();
    // The cockpit reads the database only: nothing changes until the version check runs.
    expect((await mca()).needsReacceptance).toBe(0);
    await recorder.refreshCurrentVersions([conn.id]);
    const s = await mca();
    expect(s).toMatchObject({ accepted: 0, needsReacceptance: 1 });
    const list = await listed('needs_reacceptance');
    expect(list.total).toBe(s.needsReacceptance);
    expect(list.rows).toEqual([expect.objectContaining({ companyId: customer.id, mcaStatus: 'needs_reacceptance', acceptedVersion: before.templateId.toLowerCase() })]);
  });

  it('moves the customer back to accepted when the new version is accepted and recorded', async () => {
    await accept('ana.lopez@wingtip.example');
    await recorder.recordAcceptance({ companyId: customer.id, connectionId: conn.id, tenantId: wingtip.tenantId });
    expect(await mca()).toMatchObject({ accepted: 1, needsReacceptance: 0 });
    expect((await listed('needs_reacceptance')).total).toBe(0);
  });
});
