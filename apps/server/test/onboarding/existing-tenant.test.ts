import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createEventsRepo, createTenantAuthorizationsRepo } from '@csphub/db';
import { startOnboardingWorld, type OnboardingWorld } from './onboarding-world';

/**
 * The existing-tenant branch through the API against the emulator: invitation link and text, the authorization request
 * e-mail (outbox and audit log), verify before and after acceptance, acceptance by the signed
 * webhook alone, linking a tenant already linked elsewhere (confirmation), the Partner ID warnings, and no
 * create-customer call ever.
 */
describe('existing tenant', () => {
  let w: OnboardingWorld;
  let reseller: Awaited<ReturnType<OnboardingWorld['signIn']>>;
  const fabrikamTenant = 'c2b20001-3d4e-4f60-9b7c-000000000001';

  beforeAll(async () => {
    w = await startOnboardingWorld();
    reseller = await w.signIn('ana@adatum.example');
  });
  afterAll(async () => {
    await w?.stop();
  });

  it('opens an authorization with the indirect link carrying the reseller, and a ready text in the account language', async () => {
    const res = await reseller('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/authorization`, { connectionId: w.conn.id, domain: 'fabrikam.com' });
    expect(res.status).toBe(200);
    expect(res.body.direct).toBe(false);
    expect(res.body.authorization.invitationUrl).toContain('invType=IndirectResellerRelationship');
    expect(res.body.authorization.invitationUrl).toContain('indirectCSPId=b1a10001-2c3d-4e5f-8a6b-000000000001');
    expect(res.body.invitation.language).toBe('es');
    expect(res.body.invitation.text).toContain(res.body.authorization.invitationUrl);
    expect(res.body.invitation.text).toContain('Adatum Soluciones');
  });

  it('sends the authorization request to TO and CC with the fixed body, recorded in the outbox, the audit log and the authorization', async () => {
    const res = await reseller('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/authorization/request`, {
      connectionId: w.conn.id,
      to: ['lucia@fabrikam.com'],
      cc: ['ana@adatum.example', 'boss@adatum.example'],
    });
    expect(res.status).toBe(200);
    expect(res.body.sentTo).toEqual(['lucia@fabrikam.com']);
    expect(res.body.sentCc).toEqual(['ana@adatum.example', 'boss@adatum.example']);
    expect(res.body.sendCount).toBe(1);
    const outbox = await reseller('GET', `/api/v1/outbox?companyId=${w.customer.id}`);
    const message = outbox.body.items.find((m: { template: string }) => m.template === 'customer-authorization-request');
    expect(message.to).toEqual(['lucia@fabrikam.com']);
    expect(message.cc).toEqual(['ana@adatum.example', 'boss@adatum.example']);
    expect(message.language).toBe('es');
    expect(message.text).toContain('invType=IndirectResellerRelationship');
    const audit = await w.repos.auditLog.list({ pathPrefix: w.customer.path, companyId: w.customer.id, action: 'tenant_authorization.request_sent', limit: 10 });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('lucia@fabrikam.com');
    expect(audit[0]!.actorLabel).toBe('ana@adatum.example');
  });

  it('refuses a request without a TO recipient', async () => {
    const res = await reseller('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/authorization/request`, { connectionId: w.conn.id, to: [], cc: ['x@y.example'] });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('before acceptance: verify says it is not accepted yet and checkout stays refused', async () => {
    const unknown = await reseller('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: 'no-such-tenant-anywhere.com' });
    expect(unknown.body.status).toBe('domain-unknown');
    const verify = await reseller('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: 'fabrikam.com' });
    expect(verify.status).toBe(200);
    expect(verify.body.status).toBe('not-accepted');
    const checkout = await reseller('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/checkout`, { connectionId: w.conn.id });
    expect(checkout.status).toBe(409);
  });

  it('detects the acceptance from the signed webhook alone, records the link and tells the requester', async () => {
    await w.control.acceptRelationship({ partner: 'distributor-latam', customer: fabrikamTenant, indirectReseller: 'adatum' });
    await w.control.flushWebhooks();
    const deliveries = await w.control.webhookDeliveries();
    expect(deliveries.some((d) => (d.body as { EventName?: string }).EventName === 'reseller-relationship-accepted-by-customer' && d.status === 'delivered')).toBe(true);
    const list = await reseller('GET', '/api/v1/existing-tenant/authorizations');
    const a = list.body.items.find((x: { companyId: number }) => x.companyId === w.customer.id);
    expect(a.state).toBe('accepted');
    expect(a.detectedBy).toBe('webhook');
    expect(a.tenantId).toBe(fabrikamTenant);
    const options = await w.repos.syncOptions.get(w.customer.id, w.conn.id);
    expect(options?.tenantId).toBe(fabrikamTenant);
    const outbox = await reseller('GET', `/api/v1/outbox?companyId=${w.customer.id}`);
    expect(outbox.body.items.some((m: { template: string; to: string[] }) => m.template === 'authorization-accepted' && m.to[0] === 'ana@adatum.example')).toBe(true);
    // The acceptance's event, written with it, once.
    const events = await createEventsRepo(w.database.db).list({ companyId: w.customer.id, type: 'authorization.accepted' });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ companyId: w.customer.id, tenantId: fabrikamTenant, detectedBy: 'webhook', authorizationId: a.id, reseller: { id: w.adatum.id } });
    const calls = await w.control.counters();
    expect(calls['customers.create'] ?? 0).toBe(0);
  });

  it('refuses a forged webhook', async () => {
    const res = await fetch(`${w.publicUrl}/api/v1/webhooks/partner-center/${w.conn.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Signature AAAA', 'x-ms-signature-algorithm': 'rsa-sha256', 'x-ms-certificate-url': `${w.emulator.url}/_emulator/webhooks/certificate` },
      body: JSON.stringify({ EventName: 'reseller-relationship-accepted-by-customer', ResourceUri: `/v1/customers/${fabrikamTenant}`, ResourceName: 'Customer', AuditUri: null, ResourceChangeUtcDate: new Date().toISOString() }),
    });
    expect(res.status).toBe(401);
  });

  it('links a tenant already visible, and a reseller admin moves it between its own accounts after confirming', async () => {
    const wingtip = 'wingtiptoysmx.onmicrosoft.com';
    await reseller('POST', `/api/v1/companies/${w.other.id}/existing-tenant/authorization`, { connectionId: w.conn.id });
    const first = await reseller('POST', `/api/v1/companies/${w.other.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: wingtip });
    expect(first.body).toMatchObject({ status: 'verified', recorded: true, alreadyLinkedTo: [] });
    await reseller('POST', `/api/v1/companies/${w.second.id}/existing-tenant/authorization`, { connectionId: w.conn.id });
    const second = await reseller('POST', `/api/v1/companies/${w.second.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: wingtip });
    expect(second.body.status).toBe('verified');
    expect(second.body.recorded).toBe(false);
    expect(second.body.alreadyLinkedTo).toEqual([{ companyId: w.other.id, companyName: 'Wingtip Mexico' }]);
    expect((await w.repos.syncOptions.get(w.second.id, w.conn.id))?.tenantId ?? null).toBeNull();
    const confirmed = await reseller('POST', `/api/v1/companies/${w.second.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: wingtip, confirmRelink: true });
    expect(confirmed.body.recorded).toBe(true);
    expect((await w.repos.syncOptions.get(w.second.id, w.conn.id))?.tenantId).toBe('c2b20003-3d4e-4f60-9b7c-000000000003');
    // A move, not a copy: the first account no longer holds the tenant, and its log says so.
    expect((await w.repos.syncOptions.get(w.other.id, w.conn.id))?.tenantId ?? null).toBeNull();
    const unlinked = await w.repos.auditLog.list({ pathPrefix: w.other.path, companyId: w.other.id, action: 'tenant.unlinked', limit: 10 });
    expect(unlinked).toHaveLength(1);
  });

  it('gives the direct link to a direct customer ordering for itself', async () => {
    const carl = await w.signIn('carl@coho-direct.example');
    const res = await carl('POST', `/api/v1/companies/${w.direct.id}/existing-tenant/authorization`, { connectionId: w.conn.id });
    expect(res.status).toBe(200);
    expect(res.body.direct).toBe(true);
    expect(res.body.authorization.invitationUrl).toContain('invType=ResellerRelationship');
    expect(res.body.authorization.invitationUrl).toContain('msppId=0');
    // A customer admin orders for its own company only.
    const other = await carl('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/authorization`, { connectionId: w.conn.id });
    expect(other.status).toBe(404);
  });

  it('checks reseller Partner IDs with the exact Partner ID warnings (one shared function)', async () => {
    // The distributor may check any reseller of its network; a reseller only its own.
    const dora = await w.signIn('dora@contoso-dist.example');
    const check = (partnerId: string) => dora('POST', `/api/v1/companies/${w.customer.id}/onboarding/partner-id-check`, { connectionId: w.conn.id, partnerId });
    const ok = await reseller('POST', `/api/v1/companies/${w.customer.id}/onboarding/partner-id-check`, { connectionId: w.conn.id, partnerId: '6100001' });
    expect(ok.body.status).toBe('ok');
    const notSigned = await check('6100002');
    expect(notSigned.body.status).toBe('mpa-not-signed');
    expect(notSigned.body.message).toBe(
      'Proseware Peru (Partner ID 6100002) has not accepted the Microsoft Partner Agreement. Authorize Contoso Distribution as your CSP by accepting the Microsoft Partner Agreement in Partner Center.',
    );
    // Not a reseller of the network nor of CSP Hub: its name is nobody's business here.
    const outside = await check('6100005');
    expect(outside.body.status).toBe('not-in-network');
    expect(outside.body.message).toBe(
      "Partner ID 6100005 is not in Contoso Distribution's indirect reseller network. Authorize Contoso Distribution as your CSP by accepting the Microsoft Partner Agreement in Partner Center.",
    );
    const unknown = await check('9999999');
    expect(unknown.body.status).toBe('unknown');
  });

  it('cancels and lists pending authorizations in the caller subtree only', async () => {
    const dora = await w.signIn('dora@contoso-dist.example');
    const all = await dora('GET', '/api/v1/existing-tenant/authorizations');
    expect(all.body.items.length).toBeGreaterThanOrEqual(3);
    const direct = all.body.items.find((x: { companyId: number }) => x.companyId === w.direct.id);
    const cancelled = await dora('POST', `/api/v1/existing-tenant/authorizations/${direct.id}/cancel`);
    expect(cancelled.body.state).toBe('cancelled');
    const again = await dora('POST', `/api/v1/existing-tenant/authorizations/${direct.id}/cancel`);
    expect(again.status).toBe(409);
    const mine = await reseller('GET', '/api/v1/existing-tenant/authorizations');
    expect(mine.body.items.every((x: { companyId: number }) => x.companyId !== w.direct.id)).toBe(true);
  });

  it('cancelling commits with its audit entry or not at all', async () => {
    const dora = await w.signIn('dora@contoso-dist.example');
    const account = await w.repos.companies.create({ kind: 'customer', parent: w.adatum, name: 'Litware Mexico', email: 'ti@litware-mx.example', phone: '+52 33 5555 0204', now: new Date(), country: 'MX' });
    const opened = await reseller('POST', `/api/v1/companies/${account.id}/existing-tenant/authorization`, { connectionId: w.conn.id, domain: 'litware.example' });
    expect(opened.status).toBe(200);
    const pending = opened.body.authorization as { id: string; state: string };
    expect(pending.state).toBe('pending');
    // The audit entry cannot be written: the cancellation must roll back with it.
    await w.database.db.execute(sql.raw(`create function refuse_cancel_audit() returns trigger language plpgsql as $$ begin
      if new.action = 'tenant_authorization.cancelled' then raise exception 'audit refused'; end if; return new; end $$`));
    await w.database.db.execute(sql.raw('create trigger refuse_cancel_audit before insert on audit_log for each row execute function refuse_cancel_audit()'));
    try {
      const refused = await dora('POST', `/api/v1/existing-tenant/authorizations/${pending.id}/cancel`);
      expect(refused.status).toBe(500);
    } finally {
      await w.database.db.execute(sql.raw('drop trigger refuse_cancel_audit on audit_log'));
      await w.database.db.execute(sql.raw('drop function refuse_cancel_audit()'));
    }
    // Read from the table (the list would also look for the customer's acceptance).
    expect((await createTenantAuthorizationsRepo(w.database.db).get(pending.id))?.state).toBe('pending');
  });
});
