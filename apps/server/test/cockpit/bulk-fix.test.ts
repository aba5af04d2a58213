import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCockpitRepo, createRepos, createSecretBox, type BulkJobRow, type CompanyRow, type Repos } from '@csphub/db';
import { createPartnerCenterClient, emulatorEndpoints, type PartnerCenterClient } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { createTestDatabase, type TestDatabase } from '@csphub/testing';
import { planBulk, runBulkItem, type BulkDeps } from '../../src/cockpit/bulk-actions';
import { refreshGdap } from '../../src/gdap/gdap-refresh';

const GA = '62e90394-69f5-4237-9190-012177145e10';
const EXPIRING = ['Wingtip full admin 2024', 'Wingtip onboarding', 'Wingtip migration project'];

/**
 * "Remove Global Administrator and enable auto-extend" against the emulator: the GDAP refresh fills
 * the cockpit's table, the dry run says what will be done and changes nothing, each item changes
 * the relationship on Graph with one audit entry, a refused item fails alone and succeeds on retry,
 * and a sibling reseller's relationships are never planned.
 */
describe('bulk fix: remove Global Administrator and enable auto-extend', () => {
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let repos: Repos;
  let deps: BulkDeps;
  let client: PartnerCenterClient;
  let d: CompanyRow;
  let lucerne: CompanyRow;
  let adatum: CompanyRow;
  let connectionId: string;
  const control = () => createEmulatorControl(emulator.url);
  const emulated = async () => (await control().state()).gdap;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    // Graph's operation that removes Global Administrator ends a second after it starts.
    await control().updateSettings({ gdapOperationDelaySeconds: 1 });
    db = await createTestDatabase();
    const box = createSecretBox(randomBytes(32));
    repos = createRepos(db.db, box);
    const now = new Date();
    const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
    const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;
    d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
    adatum = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum', now });
    lucerne = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Lucerne', now });
    const customer = await repos.companies.create({ kind: 'customer', parent: adatum, name: 'Wingtip Toys', now });
    const conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user!.refreshToken }, now);
    connectionId = conn.id;
    await repos.syncOptions.upsert(customer.id, conn.id, { tenantId: wingtip.tenantId, syncStatus: 'synced' }, now);
    client = createPartnerCenterClient({ connection: { id: conn.id, name: 'LATAM', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user!.refreshToken, ...emulatorEndpoints(emulator.url) } });
    deps = { db: db.db, box, clock: { now: () => new Date() }, partnerCenterFor: async () => client, notifier: { send: async () => ({ id: 'x' }) }, pollMs: 100 };
  });
  afterAll(async () => {
    await emulator?.close();
    await db?.dispose();
  });

  const job = async (keys: string[]): Promise<BulkJobRow> => {
    const now = new Date();
    return createCockpitRepo(db.db).createJob(
      { id: randomUUID(), action: 'gdap-remove-global-admin', scopeCompanyId: adatum.id, state: 'running', createdBy: 'u1', createdByLabel: 'ops@adatum.test', createdAt: now, updatedAt: now },
      keys.map((itemKey) => ({ itemKey, companyId: null, label: itemKey, state: 'pending' as const })),
    );
  };
  const call = () => ({ requestId: undefined, signal: new AbortController().signal });

  it('reads the relationships, dry-runs, fixes each item once with one audit entry, and retries the one Graph refused', async () => {
    const pass = await refreshGdap(deps);
    expect(pass).toMatchObject({ connections: 1, failures: 0 });
    expect(pass.relationships).toBeGreaterThanOrEqual(4);
    const ids = new Map((await emulated()).map((r) => [r.displayName, r.id]));
    const keys = EXPIRING.map((n) => `${connectionId}/${ids.get(n)}`);
    const helpdesk = `${connectionId}/${ids.get('Wingtip helpdesk')}`;

    const plan = await planBulk(deps, 'gdap-remove-global-admin', adatum, [...keys, helpdesk, 'nope/nothing']);
    expect(plan.filter((p) => !p.skip).map((p) => p.will)).toEqual([
      ['remove-global-admin', 'enable-auto-extend'],
      ['remove-global-admin', 'enable-auto-extend'],
      ['remove-global-admin', 'enable-auto-extend'],
    ]);
    expect(plan.find((p) => p.itemKey === helpdesk)?.skip).toBe('nothing-to-do');
    expect(plan.at(-1)?.skip).toBe('not-found');
    // A sibling reseller sees none of them.
    expect((await planBulk(deps, 'gdap-remove-global-admin', lucerne, keys)).every((p) => p.skip === 'not-found')).toBe(true);
    expect((await emulated()).filter((r) => EXPIRING.includes(r.displayName)).every((r) => r.roles.includes(GA))).toBe(true);

    // Graph refuses the first update of the second relationship once.
    await control().injectFault({ route: `PATCH /graph/v1.0/tenantRelationships/delegatedAdminRelationships/${ids.get(EXPIRING[1]!)}`, status: 400, count: 1 });
    const j = await job(keys);
    const results = [];
    for (const k of keys) results.push((await runBulkItem(deps, j, 0, k, call())).state);
    expect(results).toEqual(['succeeded', 'failed', 'succeeded']);

    const cockpit = createCockpitRepo(db.db);
    expect(await cockpit.requeueFailed(j.id, new Date())).toBe(1);
    expect(await cockpit.pendingItemKeys(j.id)).toEqual([keys[1]]);
    expect((await runBulkItem(deps, j, 1, keys[1]!, call())).state).toBe('succeeded');
    // Running a done item again changes nothing and calls no update.
    expect((await runBulkItem(deps, j, 1, keys[0]!, call())).state).toBe('succeeded');

    for (const r of (await emulated()).filter((x) => EXPIRING.includes(x.displayName))) {
      expect(r.roles).not.toContain(GA);
      expect(r.autoExtendDuration).toBe('P180D');
      // Graph keeps a relationship near its end date `expiring`; with auto-extend on it then renews.
      expect(['active', 'expiring']).toContain(r.status);
    }
    // The one GDAP store follows: the company page and the cockpit read the same rows.
    const stored = await Promise.all(keys.map((k) => repos.gdap.getByGraphId(connectionId, k.split('/')[1]!)));
    expect(stored.map((s) => [s?.roles.some((r) => r.id.toLowerCase() === GA), s?.autoExtend])).toEqual([[false, true], [false, true], [false, true]]);
    const items = await cockpit.items(j.id);
    expect(items.map((i) => i.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(items.find((i) => i.itemKey === keys[1])?.attempts).toBe(2);

    const audit = await repos.auditLog.list({ limit: 50 });
    const entries = audit.filter((e) => e.action.startsWith('bulk_fix.gdap-remove-global-admin'));
    expect(entries.map((e) => e.action).sort()).toEqual([
      'bulk_fix.gdap-remove-global-admin.failed',
      'bulk_fix.gdap-remove-global-admin.succeeded',
      'bulk_fix.gdap-remove-global-admin.succeeded',
      'bulk_fix.gdap-remove-global-admin.succeeded',
      'bulk_fix.gdap-remove-global-admin.succeeded',
    ]);
    // The change itself is audited by the GDAP service, once per relationship changed, with the job's actor.
    const removed = audit.filter((e) => e.action === 'gdap.global_admin_removed');
    expect(removed).toHaveLength(3);
    expect(removed.every((e) => e.actorLabel === 'ops@adatum.test' && e.summary.includes(j.id))).toBe(true);
  });

  it('refuses on an active relationship any change other than removing Global Administrator or auto-extend', async () => {
    const r = (await emulated()).find((x) => x.displayName === 'Wingtip helpdesk')!;
    const current = await client.getGdapRelationship(r.id);
    await expect(client.updateGdapRelationship(r.id, { etag: current.etag!, roleIds: [...current.roleIds, GA] })).rejects.toMatchObject({ status: 400 });
  });
});
