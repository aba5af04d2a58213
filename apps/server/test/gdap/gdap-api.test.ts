import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@csphub/domain';
import { createEventsRepo, createGdapRepo, createOutboxRepo, createSecretBox } from '@csphub/db';
import { EntraRole } from '@csphub/partner-center/wire';
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { DEFAULT_SCENARIO, startEmulator, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { freePort } from '@csphub/testing';
import type { RequestGdapFromTemplateInput } from '@csphub/provisioning';
import { createTestApp, type TestApp } from '../test-app';
import { call, callersOf, json, seedWorld, type Caller, type World } from '../channel-world';
import { checkGdapRelationships } from '../../src/gdap/gdap-relationships';
import type { GdapDeps } from '../../src/gdap/gdap-deps';
import { createServerAdapters } from '../../src/app/composition';

const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const wingtip = DEFAULT_SCENARIO.tenants.find((x) => x.key === 'wingtip')!;
const DAY = 86_400_000;

/**
 * The GDAP API against the emulator: templates (seeded default, Microsoft's rules, versions,
 * default, who may write), a request from a template handed to the run, the removal of Global
 * Administrator from an active relationship followed by auto-extend, and the expiry notices.
 */
describe('GDAP API', () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  let emulator: RunningEmulator;
  let connectionId: string;
  const started: RequestGdapFromTemplateInput[] = [];

  beforeAll(async () => {
    const port = await freePort();
    emulator = await startEmulator({ port });
    await createEmulatorControl(emulator.url).updateSettings({ gdapRequestDelaySeconds: 0, gdapActivationDelaySeconds: 0, gdapOperationDelaySeconds: 2 });
    t = await createTestApp({ CSPHUB_EMULATOR_PORT: String(port) }, { runs: { startRequestGdap: async (input) => (started.push(input), { runId: `request-gdap:${input.rowId}` }) } });
    w = await seedWorld(t);
    as = await callersOf(t, w);
    const conn = await w.repos.connections.create(w.d.id, { name: 'Emulator LATAM', region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken }, new Date());
    connectionId = conn.id;
    await w.repos.syncOptions.upsert(w.c1.id, connectionId, { tenantId: wingtip.tenantId, syncStatus: 'synced' }, new Date());
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
    await emulator?.close();
  });

  it('seeds a default template per connection from Microsoft’s default roles; partner staff read, customers do not', async () => {
    const list = await json(call(t, as.reseller_admin, 'GET', '/api/v1/gdap/templates'));
    const seeded = (list.items as { connectionId: string; name: string; version: number; isDefault: boolean; roles: unknown[]; durationDays: number; autoExtend: boolean }[]).filter((x) => x.connectionId === connectionId);
    expect(seeded).toEqual([expect.objectContaining({ name: 'Microsoft default', version: 1, isDefault: true, durationDays: 730, autoExtend: false })]);
    expect(seeded[0]!.roles).toHaveLength(11);
    expect((await call(t, as.customer_admin, 'GET', '/api/v1/gdap/templates')).status).toBe(403);
    const roles = await json(call(t, as.reseller_admin, 'GET', `/api/v1/gdap/roles?connectionId=${connectionId}`));
    expect((roles.items as { id: string }[]).map((r) => r.id)).toContain(EntraRole.globalAdministrator);
  });

  it('refuses auto-extend with Global Administrator and a role the catalogue lacks, naming the field; only distributor staff write', async () => {
    const ga = await call(t, as.distributor_admin, 'POST', '/api/v1/gdap/templates', { connectionId, name: 'Full', roleIds: [EntraRole.globalAdministrator], durationDays: 730, autoExtend: true });
    expect(ga.status).toBe(400);
    expect((await json(ga)).errors.map((e: { field: string }) => e.field)).toEqual(['autoExtend']);
    const unknown = await call(t, as.distributor_admin, 'POST', '/api/v1/gdap/templates', { connectionId, name: 'Odd', roleIds: ['00000000-0000-4000-8000-000000000001'], durationDays: 30, autoExtend: false });
    expect((await json(unknown)).errors.map((e: { field: string }) => e.field)).toEqual(['roles.0.id']);
    const long = await call(t, as.distributor_admin, 'POST', '/api/v1/gdap/templates', { connectionId, name: 'Long', roleIds: [EntraRole.globalReader], durationDays: 731, autoExtend: false });
    expect(long.status).toBe(400);
    expect((await call(t, as.reseller_admin, 'POST', '/api/v1/gdap/templates', { connectionId, name: 'Mine', roleIds: [EntraRole.globalReader], durationDays: 30, autoExtend: false })).status).toBe(403);
  });

  let supportId = 0;
  it('writes versions, moves the default, and audits each change', async () => {
    const v1 = await json(call(t, as.distributor_operator, 'POST', '/api/v1/gdap/templates', { connectionId, name: 'Support', roleIds: [EntraRole.helpdeskAdministrator, EntraRole.directoryReaders], durationDays: 365, autoExtend: true, securityGroups: [{ groupId: '11111111-2222-4333-8444-555555555555', name: 'Helpdesk', roleIds: [EntraRole.helpdeskAdministrator] }] }));
    expect(v1).toMatchObject({ name: 'Support', version: 1, isDefault: false, roles: [{ name: 'Helpdesk Administrator' }, { name: 'Directory Readers' }] });
    const v2 = await json(call(t, as.distributor_operator, 'POST', `/api/v1/gdap/templates/${v1.id}/versions`, { roleIds: [EntraRole.helpdeskAdministrator, EntraRole.directoryReaders, EntraRole.globalReader], durationDays: 365, autoExtend: true, makeDefault: true }));
    expect(v2).toMatchObject({ name: 'Support', version: 2, isDefault: true });
    supportId = v1.id;
    const list = (await json(call(t, as.distributor_admin, 'GET', '/api/v1/gdap/templates'))).items as { id: number; isDefault: boolean; connectionId: string }[];
    expect(list.filter((x) => x.connectionId === connectionId && x.isDefault).map((x) => x.id)).toEqual([v2.id]);
    const back = await call(t, as.distributor_admin, 'POST', `/api/v1/gdap/templates/${v1.id}/default`);
    expect(back.status).toBe(200);
    const audit = await json(call(t, as.distributor_admin, 'GET', '/api/v1/audit-log?action=gdap.template_versioned'));
    expect(audit.items.length).toBeGreaterThanOrEqual(1);
  });

  it('requests GDAP from a template through the run, once; a second request is refused; upgrade shows the role difference', async () => {
    const res = await call(t, as.reseller_operator, 'POST', `/api/v1/companies/${w.c1.id}/gdap`, { templateId: supportId, emailCustomerAdmin: true });
    expect(res.status).toBe(202);
    const body = await json(res);
    expect(body.relationship).toMatchObject({ state: 'requested', template: { name: 'Support', version: 1 }, customerTenantId: wingtip.tenantId });
    expect(started.at(-1)).toMatchObject({ rowId: body.relationship.id, customerTenantId: wingtip.tenantId, approver: { to: ['it@one.example'] }, template: { securityGroups: [{ name: 'Helpdesk' }] } });
    expect(started.at(-1)!.displayName).toBe(body.relationship.displayName);
    expect((await call(t, as.reseller_operator, 'POST', `/api/v1/companies/${w.c1.id}/gdap`, { templateId: supportId })).status).toBe(409);
    expect((await call(t, as.reseller_admin, 'POST', `/api/v1/companies/${w.c2.id}/gdap`, { templateId: supportId })).status, 'a sibling reseller’s customer').toBe(404);
    const v2 = ((await json(call(t, as.distributor_admin, 'GET', '/api/v1/gdap/templates'))).items as { id: number; name: string; version: number }[]).find((x) => x.name === 'Support' && x.version === 2)!;
    const preview = await json(call(t, as.customer_admin, 'GET', `/api/v1/companies/${w.c1.id}/gdap/${body.relationship.id}/upgrade-preview?templateId=${v2.id}`));
    expect(preview).toMatchObject({ added: [{ id: EntraRole.globalReader, name: 'Global Reader' }], removed: [] });
    const listed = await json(call(t, as.customer_admin, 'GET', `/api/v1/companies/${w.c1.id}/gdap`));
    expect(listed.items.map((x: { id: number }) => x.id)).toContain(body.relationship.id);
  });

  it('removes Global Administrator from an active relationship, then turns auto-extend on', async () => {
    const client = createPartnerCenterClient({ connection: { id: 'latam', name: latam.name, type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(emulator.url) } });
    const rel = await client.createGdapRelationship({ displayName: `GA test ${Date.now()}`, customerTenantId: wingtip.tenantId, roleIds: [EntraRole.globalAdministrator, EntraRole.directoryReaders], durationDays: 730 });
    await client.requestGdapApproval(rel.id);
    const ctl = createEmulatorControl(emulator.url);
    for (let i = 0; i < 50 && (await client.getGdapRelationship(rel.id)).status !== 'approvalPending'; i++) await ctl.advanceClock({ seconds: 1 });
    await ctl.approveGdap(rel.id);
    for (let i = 0; i < 50 && (await client.getGdapRelationship(rel.id)).status !== 'active'; i++) await ctl.advanceClock({ seconds: 1 });
    const row = await w.repos.gdap.upsertRequested({ companyId: w.c1.id, connectionId, displayName: rel.displayName, customerTenantId: wingtip.tenantId, templateId: null, roles: [{ id: EntraRole.globalAdministrator, name: 'Global Administrator' }, { id: EntraRole.directoryReaders, name: 'Directory Readers' }], durationDays: 730, autoExtend: false, runId: null }, new Date());
    await w.repos.gdap.saveFacts(row.id, { relationshipId: rel.id, status: 'active', endsAt: new Date(Date.now() + 700 * DAY) }, new Date());
    const before = await json(call(t, as.reseller_admin, 'GET', `/api/v1/companies/${w.c1.id}/gdap`));
    expect(before.items.find((x: { id: number }) => x.id === row.id)).toMatchObject({ includesGlobalAdministrator: true, autoExtend: false });
    const res = await call(t, as.reseller_admin, 'POST', `/api/v1/companies/${w.c1.id}/gdap/${row.id}/actions`, { action: 'remove-global-admin' });
    expect(res.status).toBe(200);
    expect((await json(res)).relationship).toMatchObject({ includesGlobalAdministrator: false, autoExtend: true, roles: [{ id: EntraRole.directoryReaders }] });
    const seen = (await ctl.state()).gdap.find((g) => g.id === rel.id)!;
    expect(seen.roles).toEqual([EntraRole.directoryReaders]);
    expect(seen.autoExtendDuration).toBe('P180D');
    const audit = await json(call(t, as.reseller_admin, 'GET', '/api/v1/audit-log?action=gdap.global_admin_removed'));
    expect(audit.items).toHaveLength(1);
    // Becoming active was published to the event outbox once (saving active again publishes nothing).
    await w.repos.gdap.saveFacts(row.id, { status: 'active' }, new Date());
    const active = (await createEventsRepo(t.database.db).list({ type: 'gdap.active', companyId: w.c1.id })).filter((e) => e.data.relationshipId === rel.id);
    expect(active).toHaveLength(1);
    expect(active[0]!.data).toMatchObject({ connectionId, tenantId: wingtip.tenantId, companyName: w.c1.name });
  }, 60_000);

  it("stores what Graph lists in the one GDAP store: a run's row found by its display name, a linked tenant's new relationship added, another tenant's left out", async () => {
    const read = (relationshipId: string, displayName: string, customerTenantId: string | null) => ({
      relationshipId, displayName, customerTenantId, customerName: 'Wingtip', status: 'active', roleIds: [EntraRole.directoryReaders], durationDays: 365, autoExtend: true,
      activatedAt: new Date(), endsAt: new Date(Date.now() + 300 * DAY), accessAssignments: [{ id: 'a1', securityGroupId: 'g1', roleIds: [EntraRole.directoryReaders], status: 'active' }],
    });
    const requested = await w.repos.gdap.upsertRequested({ companyId: w.c1.id, connectionId, displayName: `Lost answer ${Date.now()}`, customerTenantId: wingtip.tenantId, templateId: null, roles: [{ id: EntraRole.directoryReaders, name: 'Directory Readers' }], durationDays: 365, autoExtend: true, runId: null }, new Date());
    const found = await w.repos.gdap.upsertFromGraph(connectionId, read(`graph-${requested.id}`, requested.displayName, wingtip.tenantId), new Date());
    expect(found).toMatchObject({ id: requested.id, relationshipId: `graph-${requested.id}`, status: 'active', customerName: 'Wingtip', roles: [{ id: EntraRole.directoryReaders, name: 'Directory Readers' }] });
    expect(found!.syncedAt).not.toBeNull();
    const added = await w.repos.gdap.upsertFromGraph(connectionId, read(`graph-new-${requested.id}`, `Made in the portal ${requested.id}`, wingtip.tenantId.toUpperCase()), new Date());
    expect(added).toMatchObject({ companyId: w.c1.id, templateId: null, durationDays: 365 });
    expect(await w.repos.gdap.upsertFromGraph(connectionId, read(`graph-other-${requested.id}`, `Another tenant ${requested.id}`, '00000000-0000-4000-8000-00000000abcd'), new Date())).toBeUndefined();
    // Read again, the same rows: nothing added.
    await w.repos.gdap.upsertFromGraph(connectionId, read(`graph-new-${requested.id}`, `Made in the portal ${requested.id}`, wingtip.tenantId), new Date());
    expect((await w.repos.gdap.listRelationships(w.c1.id)).filter((r) => r.relationshipId?.endsWith(`-${requested.id}`))).toHaveLength(2);
  });

  it('publishes gdap.expired once when a relationship is seen expired, in the transaction that stores it', async () => {
    const row = await w.repos.gdap.upsertRequested({ companyId: w.c1.id, connectionId, displayName: `Ends ${Date.now()}`, customerTenantId: wingtip.tenantId, templateId: null, roles: [{ id: EntraRole.directoryReaders, name: 'Directory Readers' }], durationDays: 730, autoExtend: false, runId: null }, new Date());
    const endsAt = new Date(Date.now() - DAY);
    await w.repos.gdap.saveFacts(row.id, { relationshipId: `ended-${row.id}`, status: 'active', endsAt }, new Date());
    await w.repos.gdap.saveFacts(row.id, { status: 'expired' }, new Date());
    await w.repos.gdap.saveFacts(row.id, { status: 'expired' }, new Date());
    const expired = (await createEventsRepo(t.database.db).list({ type: 'gdap.expired', companyId: w.c1.id })).filter((e) => e.data.relationshipId === `ended-${row.id}`);
    expect(expired.map((e) => e.data.endedAt)).toEqual([endsAt.toISOString()]);
    // A failed save publishes nothing: the event and the row commit together.
    const other = await w.repos.gdap.upsertRequested({ companyId: w.c1.id, connectionId, displayName: `Rolled back ${Date.now()}`, customerTenantId: wingtip.tenantId, templateId: null, roles: [], durationDays: 730, autoExtend: false, runId: null }, new Date());
    await expect(
      t.database.db.transaction(async (tx) => {
        await createGdapRepo(tx as unknown as typeof t.database.db).saveFacts(other.id, { relationshipId: `rolled-${other.id}`, status: 'active' }, new Date());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await createEventsRepo(t.database.db).list({ type: 'gdap.active' })).some((e) => e.data.relationshipId === `rolled-${other.id}`)).toBe(false);
  });

  it('sends the 7-day expiry notice to the reseller and the distributor once, each in its own language', async () => {
    await w.repos.companies.update(w.r1.id, { email: 'ops@reseller-one.example', language: 'es' }, new Date());
    await w.repos.companies.update(w.d.id, { email: 'gdap@distributor.example' }, new Date());
    const row = await w.repos.gdap.upsertRequested({ companyId: w.c1.id, connectionId, displayName: `Expiring ${Date.now()}`, customerTenantId: wingtip.tenantId, templateId: null, roles: [{ id: EntraRole.directoryReaders, name: 'Directory Readers' }], durationDays: 730, autoExtend: false, runId: null }, new Date());
    // Its id at Graph is unknown to the emulator: the refresh fails and the notice still goes out from what is stored.
    await w.repos.gdap.saveFacts(row.id, { relationshipId: 'gone-0000', status: 'active', endsAt: new Date(Date.now() + 6 * DAY) }, new Date());
    const box = createSecretBox(t.secretKey);
    const adapters = createServerAdapters({ config: t.config, db: t.database.db, box, emulatorUrl: emulator.url });
    const deps: GdapDeps = { db: t.database.db, box, clock: { now: () => new Date() }, trustProxy: false, secureCookies: false, emulatorUrl: emulator.url, connectionTester: adapters.connectionTester, publicUrl: 'http://localhost:3000', clients: adapters.clients, notifier: adapters.notifier };
    const first = await checkGdapRelationships(deps);
    expect(first.notices).toBe(2);
    const second = await checkGdapRelationships(deps);
    expect(second.notices).toBe(0);
    const sent = (await createOutboxRepo(t.database.db, createSecretBox(t.secretKey)).list({ subjectId: String(w.c1.id) })).filter((m) => m.template === 'gdap-expiring');
    expect(sent.map((m) => m.to).flat().sort()).toEqual(['gdap@distributor.example', 'ops@reseller-one.example']);
    // Each company in its own language: the reseller's Spanish, the distributor's English.
    expect(sent.find((m) => m.to.includes('ops@reseller-one.example'))?.subject).toMatch(/^La administración delegada .* 7 día/);
    expect(sent.find((m) => m.to.includes('gdap@distributor.example'))?.subject).toMatch(/^Delegated administration .* 7 day/);
    expect((await w.repos.gdap.getRelationship(row.id))?.noticesSent).toEqual([7]);
    // The first notice of the end date published gdap.expiring once.
    const expiring = (await createEventsRepo(t.database.db).list({ type: 'gdap.expiring', companyId: w.c1.id })).filter((e) => e.data.relationshipId === 'gone-0000');
    expect(expiring).toHaveLength(1);
  }, 60_000);
});
