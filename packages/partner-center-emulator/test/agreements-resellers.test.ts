import { describe, expect, it } from 'vitest';
import { Harness, LATAM, EUROPE, NORTHWIND, reseller, tenant } from './support/emulator-harness';

const MCA = '117a77b0-9360-443b-8795-c6dedc750cf9';
const contact = { firstName: 'Lucía', lastName: 'Hernández', email: 'lucia@wingtiptoys.mx', phoneNumber: '+52 55 5555 0101' };

describe('Microsoft Customer Agreement (docs/PARTNER-CENTER-REFERENCE.md §5)', () => {
  it('serves MCA metadata, confirms acceptance once, refuses a duplicate with 600061', async () => {
    const h = new Harness();
    const token = await h.token(LATAM, 'user');
    const meta = await h.call('GET', '/v1/agreements?agreementType=MicrosoftCustomerAgreement', { token: await h.token(LATAM) });
    expect(meta.body.items).toEqual([expect.objectContaining({ templateId: MCA, agreementType: 'MicrosoftCustomerAgreement', agreementLink: 'https://aka.ms/customeragreement' })]);
    expect((await h.call('GET', '/v1/agreements?agreementType=*', { token })).body.totalCount).toBe(2);
    const id = tenant('wingtip').tenantId;
    const body = { PrimaryContact: contact, TemplateId: MCA, DateAgreed: '2026-03-01T00:00:00Z', Type: 'MicrosoftCustomerAgreement' };
    const first = await h.call('POST', `/v1/customers/${id}/agreements`, { token, body });
    expect(first.status).toBe(201);
    expect(first.body.userId).toBe(LATAM.user.objectId);
    const dup = await h.call('POST', `/v1/customers/${id}/agreements`, { token, body });
    expect([dup.status, dup.body.code, dup.body.errorName, dup.body.isRetryable]).toEqual([409, 600061, 'PartnerConfirmedAgreementAlreadyExists', false]);
    const changed = await h.call('POST', `/v1/customers/${id}/agreements`, { token, body: { ...body, PrimaryContact: { ...contact, email: 'other@wingtiptoys.mx' } } });
    expect(changed.status).toBe(201);
    const list = await h.call('GET', `/v1/customers/${id}/agreements?agreementType=MicrosoftCustomerAgreement`, { token });
    expect(list.body.totalCount).toBe(2);
    expect((await h.control('GET', '/counters')).body['agreements.create']).toBe(3);
  });

  it('is app+user only, validates the template, and reports direct-sign status', async () => {
    const h = new Harness();
    const id = tenant('wingtip').tenantId;
    const body = { primaryContact: contact, templateId: MCA, dateAgreed: '2026-03-01', type: 'MicrosoftCustomerAgreement' };
    expect((await h.call('POST', `/v1/customers/${id}/agreements`, { token: await h.token(LATAM), body })).body.code).toBe(900329);
    const user = await h.token(LATAM, 'user');
    expect((await h.call('POST', `/v1/customers/${id}/agreements`, { token: user, body: { ...body, templateId: '00000000-0000-0000-0000-000000000000' } })).body.code).toBe(3000);
    expect((await h.call('GET', `/v1/customers/${id}/directSignedMicrosoftCustomerAgreementStatus`, { token: user })).body.isSigned).toBe(false);
    await h.control('PUT', `/customers/wingtip/direct-signed-mca`, { isSigned: true });
    expect((await h.call('GET', `/v1/customers/${id}/directSignedMicrosoftCustomerAgreementStatus`, { token: user })).body.isSigned).toBe(true);
  });
});

describe('relationship request link (docs/PARTNER-CENTER-REFERENCE.md §6)', () => {
  it('gives the direct and the indirect reseller forms pointing at the emulator /admin pages', async () => {
    const h = new Harness();
    const token = await h.token(LATAM, 'user');
    const direct = await h.call('GET', '/v1/customers/relationshiprequests', { token });
    expect(direct.status).toBe(200);
    expect(direct.body.url).toBe(`http://localhost/admin/Adminportal/Home?invType=ResellerRelationship&partnerId=${LATAM.tenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation`);
    const indirect = await h.call('GET', `/v1/customers/relationshiprequests?indirectResellerId=${reseller('adatum').tenantId}`, { token });
    expect(indirect.body.url).toContain(`invType=IndirectResellerRelationship&partnerId=${LATAM.tenantId}&msppId=${reseller('adatum').partnerId}&indirectCSPId=${reseller('adatum').tenantId}`);
    expect((await h.call('GET', `/v1/customers/relationshiprequests?indirectResellerId=${reseller('relecloud').tenantId}`, { token })).body.code).toBe(3000);
  });
});

describe('indirect resellers, Partner IDs and MPA status (docs/PARTNER-CENTER-REFERENCE.md §7)', () => {
  it('lists the provider network with Partner IDs', async () => {
    const h = new Harness();
    const res = await h.call('GET', '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf', { token: await h.token(LATAM, 'user') });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((r: { mpnId: string }) => r.mpnId).sort();
    expect(ids).toEqual(['6100001', '6100002', '6100003', '6100006', '6100007']);
    expect(res.body.items[0]).toMatchObject({ relationshipType: 'is_indirect_cloud_solution_provider_of', state: 'Active', attributes: { objectType: 'PartnerRelationship' } });
    const filtered = await h.call('GET', `/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf&filter=${encodeURIComponent('{"Field":"Name","Value":"adat","Operator":"starts_with"}')}`, { token: await h.token(LATAM, 'user') });
    expect(filtered.body.totalCount).toBe(1);
    expect((await h.call('GET', '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf', { token: await h.token(NORTHWIND, 'user') })).body.totalCount).toBe(0);
    expect((await h.call('GET', '/v1/relationships', { token: await h.token(LATAM, 'user') })).body.code).toBe(3000);
  });

  it('validates Partner IDs: known profile, 404/3000 when unknown', async () => {
    const h = new Harness();
    const token = await h.token(LATAM, 'user');
    const known = await h.call('GET', '/v1/profiles/mpn?mpnId=6100001', { token });
    expect(known.body).toMatchObject({ partnerName: 'Adatum Soluciones', mpnId: '6100001', profileType: 'MpnProfile' });
    const own = await h.call('GET', '/v1/profiles/mpn', { token });
    expect(own.body.mpnId).toBe(LATAM.partnerId);
    const unknown = await h.call('GET', '/v1/profiles/mpn?mpnId=9999999', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: 3000, description: 'Partner Organization with partner_id 9999999 could not be found', data: [], source: 'PartnerFD' });
  });

  it('answers MPA status and every documented error code 2000-2205', async () => {
    const h = new Harness();
    const latam = await h.token(LATAM, 'user');
    const q = (query: string, token = latam) => h.call('GET', `/v1/compliance/csp/agreementstatus?${query}`, { token });
    expect((await q('mpnId=6100001')).body).toEqual({ isAgreementSigned: true });
    expect((await q(`tenantId=${reseller('adatum').tenantId}`)).body).toEqual({ isAgreementSigned: true });
    expect((await q('mpnId=6100002')).body).toEqual({ isAgreementSigned: false });
    const cases: [string, number][] = [
      ['mpnId=12ab', 2000],
      ['tenantId=not-a-guid', 2000],
      [`mpnId=6100001&tenantId=${reseller('adatum').tenantId}`, 2000],
      ['', 2001],
      ['mpnId=9999999', 2200],
      ['mpnId=6100006', 2201],
      ['mpnId=6100007', 2203],
      ['mpnId=5200001', 2204],
      ['tenantId=00000000-0000-4000-8000-000000000000', 2205],
    ];
    for (const [query, code] of cases) {
      const res = await q(query);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code });
    }
    expect((await q('mpnId=6100004', await h.token(EUROPE, 'user'))).body).toEqual({ isAgreementSigned: true });
  });
});
