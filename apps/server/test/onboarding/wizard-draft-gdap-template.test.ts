import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@csphub/domain';
import { createTestApp, type TestApp } from '../test-app';
import { call, callersOf, json, seedWorld, type Caller, type World } from '../channel-world';

/** The new-tenant wizard's draft keeps the GDAP template chosen, so a reload resumes with it. */
describe('wizard draft: the GDAP template choice', () => {
  let t: TestApp;
  let w: World;
  let as: Record<Role, Caller>;
  const state = (extra: Record<string, unknown>) => ({
    serviceId: 'microsoft-tenant', termsAccepted: true, connectionId: null, existing: false, domainPrefix: 'wingtipdraft', culture: 'es-MX',
    adminUsername: 'admin', requirePasswordChange: true, gdap: true, partnerId: '', attestation: { firstName: 'Ana' }, notifyMe: true, customerDomain: '', ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await seedWorld(t);
    as = await callersOf(t, w);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('stores the template chosen and gives it back; a draft without one reads as the default', async () => {
    const path = `/api/v1/companies/${w.c1.id}/onboarding/draft`;
    expect((await call(t, as.reseller_admin, 'PUT', path, { step: 2, state: state({ gdapTemplateId: 11 }) })).status).toBeLessThan(300);
    expect((await json(call(t, as.reseller_admin, 'GET', path))).draft.state.gdapTemplateId).toBe(11);
    expect((await call(t, as.reseller_admin, 'PUT', path, { step: 2, state: state({ gdapTemplateId: null }) })).status).toBeLessThan(300);
    expect((await json(call(t, as.reseller_admin, 'GET', path))).draft.state.gdapTemplateId).toBeNull();
    expect((await call(t, as.reseller_admin, 'PUT', path, { step: 2, state: state({}) })).status).toBeLessThan(300);
    expect((await json(call(t, as.reseller_admin, 'GET', path))).draft.state).not.toHaveProperty('gdapTemplateId');
    const bad = await call(t, as.reseller_admin, 'PUT', path, { step: 2, state: state({ gdapTemplateId: 'helpdesk' }) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('gdapTemplateId');
  });
});
