import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantAuthorizationsRepo, createWorkflowRunsRepo, type CompanyRow } from '@csphub/db';
import { provisionTenantRunId } from '@csphub/provisioning';
import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { hashPassword } from '../../src/security/password';
import { PASSWORD, startOnboardingWorld, type OnboardingWorld } from './onboarding-world';

const adatum = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'adatum')!;
const lucerne = DEFAULT_SCENARIO.resellers.find((r) => r.key === 'lucerne')!;
const wingtip = DEFAULT_SCENARIO.tenants.find((c) => c.key === 'wingtip')!;
const WINGTIP_DOMAIN = 'wingtiptoysmx.onmicrosoft.com';

/**
 * Tenant ownership through the API against the emulator (docs/CHANNEL-AND-ACCOUNTS.md, "Tenants
 * and Partner IDs"): the victim is Adatum's customer Wingtip Mexico, linked to the Wingtip tenant
 * (related to the distributor through Adatum). The attackers are a sibling reseller (Lucerne, in the
 * same Partner Center network) and a customer admin of another Adatum customer. Neither may name a
 * Partner ID other than its own reseller's, learn another partner's name, or take the tenant; the
 * distributor admin may move it, audited on both accounts with the previous link kept.
 */
describe('tenant ownership', () => {
  let w: OnboardingWorld;
  let lucerneCo: CompanyRow;
  let lucerneCustomer: CompanyRow;
  let attacker: Awaited<ReturnType<OnboardingWorld['signIn']>>;
  let customerAdmin: Awaited<ReturnType<OnboardingWorld['signIn']>>;
  let dora: Awaited<ReturnType<OnboardingWorld['signIn']>>;

  const linkOf = async (companyId: number) => (await w.repos.syncOptions.get(companyId, w.conn.id))?.tenantId ?? null;
  const auditOf = (company: CompanyRow) => w.repos.auditLog.list({ pathPrefix: company.path, companyId: company.id, limit: 100 });

  beforeAll(async () => {
    w = await startOnboardingWorld();
    const now = new Date();
    const mx = { country: 'MX', billingLine1: 'Calle 100', billingCity: 'Ciudad de México', billingState: 'CMX', billingPostalCode: '03100', billingCountry: 'MX' };
    lucerneCo = await w.repos.companies.create({ kind: 'reseller', parent: w.d, name: 'Lucerne Publishing', partnerId: lucerne.partnerId, email: 'ventas@lucerne.example', phone: '+52 55 3333 4444', now, ...mx });
    lucerneCustomer = await w.repos.companies.create({ kind: 'customer', parent: lucerneCo, name: 'Lucerne Client', email: 'it@lucerne-client.example', phone: '+52 55 7777 8888', now, ...mx });
    const passwordHash = await hashPassword(PASSWORD);
    await w.repos.users.create({ companyId: lucerneCo.id, email: 'leo@lucerne.example', name: 'Leo Lucerne', passwordHash, role: 'reseller_admin', now });
    await w.repos.users.create({ companyId: w.customer.id, email: 'fede@fabrikam-mx.example', name: 'Fede Customer', passwordHash, role: 'customer_admin', now });
    // The victim: Adatum's customer, linked to the Wingtip tenant with Adatum as partner of record.
    await w.repos.syncOptions.upsert(w.other.id, w.conn.id, { tenantId: wingtip.tenantId, defaultDomain: WINGTIP_DOMAIN, resellerPartnerId: adatum.partnerId, syncStatus: 'synced' }, now);
    attacker = await w.signIn('leo@lucerne.example');
    customerAdmin = await w.signIn('fede@fabrikam-mx.example');
    dora = await w.signIn('dora@contoso-dist.example');
  });
  afterAll(async () => {
    await w?.stop();
  });

  it("refuses a reseller admin naming a sibling reseller's Partner ID, and the sibling's customer's domain never links", async () => {
    const open = await attacker('POST', `/api/v1/companies/${lucerneCustomer.id}/existing-tenant/authorization`, { connectionId: w.conn.id, resellerPartnerId: adatum.partnerId });
    expect(open.status).toBe(403);
    expect(open.body.code).toBe('PARTNER_ID_NOT_ALLOWED');
    expect(JSON.stringify(open.body)).not.toContain('Adatum');
    // With its own Partner ID, the sibling's customer's domain is not evidence of anything.
    const own = await attacker('POST', `/api/v1/companies/${lucerneCustomer.id}/existing-tenant/authorization`, { connectionId: w.conn.id });
    expect(own.status).toBe(200);
    const verify = await attacker('POST', `/api/v1/companies/${lucerneCustomer.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: WINGTIP_DOMAIN, confirmRelink: true });
    expect(verify.status).toBe(200);
    expect(verify.body.status).toBe('other-partner');
    expect(JSON.stringify(verify.body)).not.toContain('Wingtip Mexico');
    expect(await linkOf(lucerneCustomer.id)).toBeNull();
    expect(await linkOf(w.other.id)).toBe(wingtip.tenantId);
  });

  it("never links through an authorization that names a sibling's Partner ID (opened before these rules), by verify, webhook or background check", async () => {
    const auths = createTenantAuthorizationsRepo(w.database.db);
    const open = await auths.findOpen(lucerneCustomer.id, w.conn.id);
    if (open) await auths.cancel(open.id, new Date());
    // What the earlier code stored when a reseller named another reseller's Partner ID.
    await auths.create(
      {
        companyId: lucerneCustomer.id,
        connectionId: w.conn.id,
        resellerCompanyId: lucerneCo.id,
        resellerPartnerId: adatum.partnerId,
        resellerTenantId: adatum.tenantId,
        invitationUrl: 'https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship',
        domain: WINGTIP_DOMAIN,
        requestedById: null,
        requestedByLabel: 'leo@lucerne.example',
        requestedByEmail: 'leo@lucerne.example',
      },
      new Date(),
    );
    const verify = await attacker('POST', `/api/v1/companies/${lucerneCustomer.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: WINGTIP_DOMAIN, confirmRelink: true });
    expect(verify.status).toBe(403);
    expect(verify.body.code).toBe('PARTNER_ID_NOT_ALLOWED');
    expect(JSON.stringify(verify.body)).not.toMatch(/Adatum|Wingtip Mexico/);
    const check = await dora('POST', '/api/v1/existing-tenant/authorizations/check');
    expect(check.status).toBe(200);
    expect(await linkOf(lucerneCustomer.id)).toBeNull();
    expect(await linkOf(w.other.id)).toBe(wingtip.tenantId);
    expect((await auditOf(w.other)).filter((e) => e.action.startsWith('tenant'))).toEqual([]);
  });

  it('refuses a customer admin relinking a tenant held by another account, naming no company', async () => {
    const open = await customerAdmin('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/authorization`, { connectionId: w.conn.id });
    expect(open.status).toBe(200);
    for (const confirmRelink of [false, true]) {
      const verify = await customerAdmin('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: WINGTIP_DOMAIN, confirmRelink });
      expect(verify.status).toBe(403);
      expect(verify.body.code).toBe('RELINK_NOT_ALLOWED');
      expect(JSON.stringify(verify.body)).not.toMatch(/Wingtip Mexico|Adatum/);
    }
    expect(await linkOf(w.customer.id)).toBeNull();
    expect(await linkOf(w.other.id)).toBe(wingtip.tenantId);
  });

  it("never lets a customer admin name a Partner ID other than its own reseller's", async () => {
    const open = await customerAdmin('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/authorization`, { connectionId: w.conn.id, resellerPartnerId: lucerne.partnerId });
    expect(open.status).toBe(403);
    expect(open.body.code).toBe('PARTNER_ID_NOT_ALLOWED');
  });

  it("a direct customer's authorization never accepts a tenant related through a reseller", async () => {
    const carl = await w.signIn('carl@coho-direct.example');
    expect((await carl('POST', `/api/v1/companies/${w.direct.id}/existing-tenant/authorization`, { connectionId: w.conn.id })).status).toBe(200);
    const verify = await carl('POST', `/api/v1/companies/${w.direct.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: WINGTIP_DOMAIN, confirmRelink: true });
    expect(verify.status).toBe(200);
    expect(verify.body.status).toBe('other-partner');
    expect(JSON.stringify(verify.body)).not.toMatch(/Wingtip Mexico|Adatum/);
    expect(await linkOf(w.direct.id)).toBeNull();
  });

  it('never tells a reseller the name of a partner outside its subtree', async () => {
    const check = (who: typeof attacker, partnerId: string) => who('POST', `/api/v1/companies/${lucerneCustomer.id}/onboarding/partner-id-check`, { connectionId: w.conn.id, partnerId });
    const sibling = await check(attacker, adatum.partnerId);
    expect(sibling.status).toBe(200);
    expect(sibling.body.status).toBe('not-allowed');
    expect(sibling.body.partnerName).toBeUndefined();
    expect(JSON.stringify(sibling.body)).not.toContain('Adatum');
    const proseware = await check(attacker, '6100002');
    expect(proseware.body.status).toBe('not-allowed');
    expect(JSON.stringify(proseware.body)).not.toContain('Proseware');
    const own = await check(attacker, lucerne.partnerId);
    expect(own.body).toMatchObject({ status: 'ok', partnerName: 'Lucerne Publishing Colombia' });
    // The distributor sees the names of its own network, and no other partner's.
    expect((await check(dora, '6100002')).body).toMatchObject({ status: 'mpa-not-signed', partnerName: 'Proseware Peru' });
    const foreign = await check(dora, '6100005');
    expect(foreign.body.status).toBe('not-in-network');
    expect(foreign.body.partnerName).toBeUndefined();
    expect(JSON.stringify(foreign.body)).not.toContain('Fourth Coffee');
  });

  it("refuses a sibling's Partner ID for reseller staff in new-tenant runs (and their retry), sync options and an order's partner of record", async () => {
    const attestation = { firstName: 'Leo', lastName: 'Lucerne', email: 'leo@lucerne.example', acceptedAt: '2026-01-01T00:00:00.000Z' };
    const run = await attacker('POST', `/api/v1/companies/${lucerneCustomer.id}/onboarding/new-tenant`, {
      connectionId: w.conn.id,
      domainPrefix: 'lucerneclient',
      culture: 'es-MX',
      defaultGdap: true,
      resellerPartnerId: adatum.partnerId,
      attestation,
    });
    expect(run.status).toBe(403);
    expect(run.body.code).toBe('PARTNER_ID_NOT_ALLOWED');

    const sync = await attacker('PUT', `/api/v1/companies/${lucerneCustomer.id}/sync-options/${w.conn.id}`, { resellerPartnerId: adatum.partnerId });
    expect(sync.status).toBe(403);
    expect(sync.body.code).toBe('PARTNER_ID_NOT_ALLOWED');
    expect((await w.repos.syncOptions.get(lucerneCustomer.id, w.conn.id))?.resellerPartnerId ?? null).not.toBe(adatum.partnerId);
    // The distributor may choose any reseller of its network.
    expect((await dora('PUT', `/api/v1/companies/${lucerneCustomer.id}/sync-options/${w.conn.id}`, { resellerPartnerId: adatum.partnerId })).status).toBe(200);

    // A partner of record on file that is not the reseller's own (set by the distributor, or
    // stored before these rules): reseller staff cannot order with it.
    await w.repos.syncOptions.upsert(lucerneCustomer.id, w.conn.id, { tenantId: 'c2b20005-3d4e-4f60-9b7c-000000000005', defaultDomain: 'cohowinery.onmicrosoft.com' }, new Date());
    const order = await attacker('POST', `/api/v1/companies/${lucerneCustomer.id}/orders`, {
      connectionId: w.conn.id,
      partnerOfRecordAttested: true,
      lines: [{ catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01', quantity: 1, termDuration: 'P1Y', billingCycle: 'monthly' }],
    });
    expect(order.status).toBe(403);
    expect(order.body.code).toBe('PARTNER_ID_NOT_ALLOWED');
    expect(JSON.stringify(order.body)).not.toContain('Adatum');

    // A failed run retried by reseller staff would carry the foreign Partner ID on file: refused.
    await w.repos.syncOptions.upsert(lucerneCustomer.id, w.conn.id, { tenantId: null, defaultDomain: null, domainPrefix: 'lucerneclient' }, new Date());
    const runId = provisionTenantRunId(lucerneCustomer.id, w.conn.id);
    await createWorkflowRunsRepo(w.database.db).saveRun({ id: runId, kind: 'provision-tenant', subjectId: String(lucerneCustomer.id), connectionId: w.conn.id, state: 'needs_attention', at: new Date() });
    const retry = await attacker('POST', `/api/v1/companies/${lucerneCustomer.id}/onboarding/runs/${encodeURIComponent(runId)}/retry`);
    expect(retry.status).toBe(403);
    expect(retry.body.code).toBe('PARTNER_ID_NOT_ALLOWED');
    await w.repos.syncOptions.upsert(lucerneCustomer.id, w.conn.id, { tenantId: null, defaultDomain: null, resellerPartnerId: null }, new Date());
  });

  it('lets the distributor admin move the tenant, audited on both accounts with the previous link kept', async () => {
    const open = await dora('POST', `/api/v1/companies/${w.second.id}/existing-tenant/authorization`, { connectionId: w.conn.id });
    expect(open.status).toBe(200);
    const first = await dora('POST', `/api/v1/companies/${w.second.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: WINGTIP_DOMAIN });
    expect(first.body).toMatchObject({ status: 'verified', recorded: false, alreadyLinkedTo: [{ companyId: w.other.id, companyName: 'Wingtip Mexico' }] });
    expect(await linkOf(w.second.id)).toBeNull();
    const moved = await dora('POST', `/api/v1/companies/${w.second.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: WINGTIP_DOMAIN, confirmRelink: true });
    expect(moved.body).toMatchObject({ status: 'verified', recorded: true });
    expect(await linkOf(w.second.id)).toBe(wingtip.tenantId);
    expect(await linkOf(w.other.id)).toBeNull();

    const onVictim = (await auditOf(w.other)).find((e) => e.action === 'tenant.unlinked');
    expect(onVictim).toBeDefined();
    expect(onVictim!.actorLabel).toBe('dora@contoso-dist.example');
    expect(onVictim!.before).toMatchObject({ tenantId: wingtip.tenantId, defaultDomain: WINGTIP_DOMAIN, connectionId: w.conn.id, resellerPartnerId: adatum.partnerId });
    expect(onVictim!.after).toMatchObject({ tenantId: null, reason: 'relinked' });
    const onNew = (await auditOf(w.second)).find((e) => e.action === 'tenant_authorization.accepted');
    expect(onNew!.requestId).toBe(onVictim!.requestId);
    // Neither entry names the other account: a customer admin of either reads its own log.
    expect(onNew!.summary).not.toContain('Wingtip Mexico');
    expect(onVictim!.summary).not.toContain('Wingtip Second Account');
    expect(onNew!.after).toMatchObject({ tenantId: wingtip.tenantId, relinkedFrom: [w.other.id] });
  });
});
