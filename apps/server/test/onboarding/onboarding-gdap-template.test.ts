import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkExistingTenantInput } from '@csphub/provisioning';
import { startOnboardingWorld, type OnboardingWorld } from './onboarding-world';

/**
 * The existing-tenant order asks for GDAP from a template, never from a list in code: the one the
 * order names, else the connection's default template (seeded from Microsoft's default roles), and
 * a template of another connection is a 400 naming `gdapTemplateId`.
 */
describe('onboarding requests GDAP from a template', () => {
  let w: OnboardingWorld;
  let reseller: Awaited<ReturnType<OnboardingWorld['signIn']>>;
  let distributor: Awaited<ReturnType<OnboardingWorld['signIn']>>;
  const started: LinkExistingTenantInput[] = [];
  const fabrikamTenant = 'c2b20001-3d4e-4f60-9b7c-000000000001';

  beforeAll(async () => {
    w = await startOnboardingWorld({ runs: { startLinkExistingTenant: async (input, runId) => (started.push(input), { runId: runId ?? 'run' }) } });
    reseller = await w.signIn('ana@adatum.example');
    distributor = await w.signIn('dora@contoso-dist.example');
    const open = await reseller('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/authorization`, { connectionId: w.conn.id, domain: 'fabrikam.com' });
    expect(open.status).toBe(200);
    await w.control.acceptRelationship({ partner: 'distributor-latam', customer: fabrikamTenant, indirectReseller: 'adatum' });
    await w.control.flushWebhooks();
    const verify = await reseller('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/verify`, { connectionId: w.conn.id, domain: 'fabrikam.com' });
    expect(verify.body.status).toBe('verified');
  });
  afterAll(async () => {
    await w?.stop();
  });

  const checkout = (extra: Record<string, unknown>) =>
    reseller('POST', `/api/v1/companies/${w.customer.id}/existing-tenant/checkout`, { connectionId: w.conn.id, requestGdap: true, attestation: { firstName: 'Lucía', lastName: 'Hernández', email: 'lucia@fabrikam.com', acceptedAt: '2026-01-05T00:00:00.000Z' }, notifyMe: false, ...extra });

  it("passes the connection's default template to the run, and refuses a template that is not the connection's by field", async () => {
    const templates = await distributor('GET', '/api/v1/gdap/templates');
    expect(templates.status).toBe(200);
    const own = templates.body.items.find((t: { connectionId: string; isDefault: boolean }) => t.connectionId === w.conn.id && t.isDefault);
    const refused = await checkout({ gdapTemplateId: 987654 });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('gdapTemplateId');
    expect(started).toHaveLength(0);
    const res = await checkout({});
    expect(res.status).toBe(202);
    expect(started).toHaveLength(1);
    expect(started[0]!.gdapTemplate).toMatchObject({ id: own.id, name: own.name, version: own.version, durationDays: own.durationDays, autoExtend: own.autoExtend });
    expect(started[0]!.gdapTemplate!.roles.map((r) => r.id)).toEqual(own.roles.map((r: { id: string }) => r.id));
  });

  it("offers the wizard every template of the connection, the default first, for a per-company choice", async () => {
    const templates = await distributor('GET', '/api/v1/gdap/templates');
    const own = templates.body.items.find((t: { connectionId: string; isDefault: boolean }) => t.connectionId === w.conn.id && t.isDefault);
    const created = await distributor('POST', '/api/v1/gdap/templates', { connectionId: w.conn.id, name: 'Helpdesk only', roleIds: own.roles.slice(0, 2).map((r: { id: string }) => r.id), durationDays: 90, autoExtend: false });
    expect(created.status).toBe(201);
    const ctx = await reseller('GET', `/api/v1/companies/${w.customer.id}/onboarding`);
    expect(ctx.status).toBe(200);
    const offered = (ctx.body.gdap.templates as { connectionId: string; id: number; name: string; isDefault: boolean }[]).filter((t) => t.connectionId === w.conn.id);
    expect(offered.map((t) => [t.id, t.isDefault])).toEqual([
      [own.id, true],
      [created.body.id, false],
    ]);
  });
});
