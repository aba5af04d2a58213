import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnboardingWorld, type OnboardingWorld } from './onboarding-world';

/**
 * Acceptance detected on its own when the wizard never asked for a domain: a direct
 * customer accepts the distributor's invitation and Partner Center's signed webhook is enough;
 * a pending authorization gets its domain on the Pending authorizations page and is checked at once.
 */
describe('acceptance of an authorization without a domain', () => {
  let w: OnboardingWorld;
  const cohoTenant = 'c2b20005-3d4e-4f60-9b7c-000000000005';

  beforeAll(async () => {
    w = await startOnboardingWorld();
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('a direct customer\'s acceptance is matched by the webhook\'s tenant and relationship, without pressing anything', async () => {
    const carl = await w.signIn('carl@coho-direct.example');
    const opened = await carl('POST', `/api/v1/companies/${w.direct.id}/existing-tenant/authorization`, { connectionId: w.conn.id });
    expect(opened.status).toBe(200);
    expect(opened.body.direct).toBe(true);
    expect(opened.body.authorization.defaultDomain ?? null).toBeNull();

    await w.control.acceptRelationship({ partner: 'distributor-latam', customer: cohoTenant });
    await w.control.flushWebhooks();
    const list = await carl('GET', '/api/v1/existing-tenant/authorizations');
    const a = list.body.items.find((x: { id: string }) => x.id === opened.body.authorization.id);
    expect(a.state).toBe('accepted');
    expect(a.detectedBy).toBe('webhook');
    expect(a.tenantId).toBe(cohoTenant);
    expect((await w.repos.syncOptions.get(w.direct.id, w.conn.id))?.tenantId).toBe(cohoTenant);
  });

  it('the domain added on a pending row is checked at once, audited, and a bad one is a 400 naming the field', async () => {
    const ana = await w.signIn('ana@adatum.example');
    const opened = await ana('POST', `/api/v1/companies/${w.other.id}/existing-tenant/authorization`, { connectionId: w.conn.id, resellerPartnerId: '6100001' });
    expect(opened.status).toBe(200);
    const id = opened.body.authorization.id as string;
    const bad = await ana('PUT', `/api/v1/existing-tenant/authorizations/${id}/domain`, { domain: 'not a domain' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('domain');
    // Wingtip's tenant is already a customer of the LATAM account through Adatum.
    const set = await ana('PUT', `/api/v1/existing-tenant/authorizations/${id}/domain`, { domain: 'wingtiptoysmx' });
    expect(set.status).toBe(200);
    expect(set.body.state).toBe('accepted');
    expect(set.body.detectedBy).toBe('background-check');
    const audit = await w.repos.auditLog.list({ pathPrefix: w.other.path, companyId: w.other.id, action: 'tenant_authorization.domain_set', limit: 5 });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorLabel).toBe('ana@adatum.example');
    const again = await ana('PUT', `/api/v1/existing-tenant/authorizations/${id}/domain`, { domain: 'wingtiptoysmx.onmicrosoft.com' });
    expect(again.status).toBe(409);
  });

  it('a prefix taken by a tenant the account already serves is offered for linking only to who may link it', async () => {
    // wingtiptoysmx is linked to Wingtip Mexico by the test before.
    const ana = await w.signIn('ana@adatum.example');
    const mine = await ana('GET', `/api/v1/companies/${w.second.id}/onboarding/domain-check?connectionId=${w.conn.id}&prefix=wingtiptoysmx`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ available: false, problem: 'taken', visibleTenant: true, linkable: true });
    const carl = await w.signIn('carl@coho-direct.example');
    const theirs = await carl('GET', `/api/v1/companies/${w.direct.id}/onboarding/domain-check?connectionId=${w.conn.id}&prefix=wingtiptoysmx`);
    expect(theirs.body).toMatchObject({ available: false, visibleTenant: true, linkable: false });
    const unknown = await ana('GET', `/api/v1/companies/${w.second.id}/onboarding/domain-check?connectionId=${w.conn.id}&prefix=fabrikam`);
    expect(unknown.body.visibleTenant ?? false).toBe(false);
  });
  it('the offered link is made in one action: a move asks to confirm, then links; another account\'s authorization does not take it', async () => {
    // wingtiptoysmx is linked to Wingtip Mexico by the tests before.
    const ana = await w.signIn('ana@adatum.example');
    const path = `/api/v1/companies/${w.second.id}/existing-tenant/link-visible`;
    const ask = await ana('POST', path, { connectionId: w.conn.id, resellerPartnerId: '6100001', domain: 'wingtiptoysmx' });
    expect(ask.status).toBe(200);
    expect(ask.body.verify).toMatchObject({ status: 'verified', recorded: false, alreadyLinkedTo: [{ companyId: w.other.id }] });
    expect((await w.repos.syncOptions.get(w.second.id, w.conn.id))?.tenantId ?? null).toBeNull();
    const linked = await ana('POST', path, { connectionId: w.conn.id, resellerPartnerId: '6100001', domain: 'wingtiptoysmx', confirmRelink: true });
    expect(linked.status).toBe(200);
    expect(linked.body.verify).toMatchObject({ status: 'verified', recorded: true, defaultDomain: 'wingtiptoysmx.onmicrosoft.com' });
    expect(linked.body.authorization.authorization.state).toBe('accepted');
    expect((await w.repos.syncOptions.get(w.second.id, w.conn.id))?.tenantId).toBe('c2b20003-3d4e-4f60-9b7c-000000000003');
    expect((await w.repos.syncOptions.get(w.other.id, w.conn.id))?.tenantId ?? null).toBeNull();
    const carl = await w.signIn('carl@coho-direct.example');
    const refused = await carl('POST', `/api/v1/companies/${w.direct.id}/existing-tenant/link-visible`, { connectionId: w.conn.id, domain: 'wingtiptoysmx', confirmRelink: true });
    // Carl's direct authorization is not what Wingtip accepted (its relationship names Adatum): no link.
    expect(refused.status).toBe(200);
    expect(refused.body.verify.status).not.toBe('verified');
    expect((await w.repos.syncOptions.get(w.direct.id, w.conn.id))?.tenantId).not.toBe('c2b20003-3d4e-4f60-9b7c-000000000003');
  });
});
