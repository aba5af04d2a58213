import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@csphub/domain';
import { createTestApp, type TestApp } from './test-app';
import { call, callersOf, json, seedWorld, type Caller, type World } from './channel-world';

/**
 * The distributor's settings page API: distributor admins only, every change audited with the
 * values before and after, and each setting read where it acts (the prerequisites checklist, the
 * order form's defaults).
 */
describe('distributor settings', () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    as = await callersOf(t, w);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('shows the built-in defaults, to distributor admins only', async () => {
    const res = await call(t, as.distributor_admin, 'GET', '/api/v1/settings/distributor');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      credentialsRecipient: 'customer',
      requireSubCustomerBillingAddress: false,
      requireCorporateEmail: true,
      defaultGdapTemplate: 'microsoft-default-roles',
      notifyOrdererByDefault: true,
      subscriptionNotices: true,
      resellersEditNotifications: false,
    });
    for (const role of ['distributor_operator', 'reseller_admin', 'customer_admin'] as const) {
      expect((await call(t, as[role], 'GET', '/api/v1/settings/distributor')).status, role).toBe(403);
      expect((await call(t, as[role], 'PATCH', '/api/v1/settings/distributor', { credentialsRecipient: 'reseller' })).status, role).toBe(403);
    }
  });

  it('changes settings, audits before and after, and the policy follows', async () => {
    const res = await call(t, as.distributor_admin, 'PATCH', '/api/v1/settings/distributor', { credentialsRecipient: 'reseller', requireSubCustomerBillingAddress: true, defaultGdapTemplate: 'none' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ credentialsRecipient: 'reseller', requireSubCustomerBillingAddress: true, defaultGdapTemplate: 'none', requireCorporateEmail: true });
    expect(await json(call(t, as.distributor_admin, 'GET', '/api/v1/settings/distributor'))).toMatchObject({ credentialsRecipient: 'reseller', defaultGdapTemplate: 'none' });
    // The prerequisites policy everyone reads is the same setting.
    expect(await json(call(t, as.customer_admin, 'GET', '/api/v1/settings/policy'))).toMatchObject({ requireSubCustomerBillingAddress: true });
    const audit = await json(call(t, as.distributor_admin, 'GET', '/api/v1/audit-log?action=settings.updated'));
    const entry = (audit.items as { summary: string; before: Record<string, unknown>; after: Record<string, unknown> }[]).find((e) => e.summary.startsWith('Changed the distributor settings'));
    expect(entry?.summary).toContain('credentialsRecipient');
    expect(entry?.before).toMatchObject({ adminSignInSentTo: 'customer', defaultGdapTemplate: 'microsoft-default-roles' });
    expect(entry?.after).toMatchObject({ adminSignInSentTo: 'reseller', defaultGdapTemplate: 'none' });
  });

  it('refuses an unknown template or field, naming it', async () => {
    const bad = await call(t, as.distributor_admin, 'PATCH', '/api/v1/settings/distributor', { defaultGdapTemplate: 'global-admin' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].field).toBe('defaultGdapTemplate');
    const unknown = await call(t, as.distributor_admin, 'PATCH', '/api/v1/settings/distributor', { sendEverything: true });
    expect(unknown.status).toBe(400);
  });
});
