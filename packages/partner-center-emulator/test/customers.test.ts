import { describe, expect, it } from 'vitest';
import { Harness, LATAM, SANDBOX, NORTHWIND, SCENARIO_WITHOUT_GDAP, customerBody, freshPrefix, pascalCase, reseller, tenant } from './support/emulator-harness';

describe('customers (docs/PARTNER-CENTER-REFERENCE.md §2, §3)', () => {
  it('HEAD /v1/domains answers 404 for a free domain, then 200 once a customer holds it', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const prefix = freshPrefix();
    const free = await h.call('HEAD', `/v1/domains/${prefix}.onmicrosoft.com`, { token });
    expect(free.status).toBe(404);
    expect(free.text).toBe('');
    const created = await h.call('POST', '/v1/customers', { token, body: customerBody(prefix) });
    expect(created.status).toBe(201);
    expect((await h.call('HEAD', `/v1/domains/${prefix.toUpperCase()}.onmicrosoft.com`, { token })).status).toBe(200);
    expect((await h.call('HEAD', '/v1/domains/fabrikam.com', { token })).status).toBe(200);
    expect((await h.call('GET', '/v1/domains/fabrikam.com', { token })).status).toBe(405);
  });

  it('creates a customer from a PascalCase body and answers camelCase with one-time credentials', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const prefix = freshPrefix();
    const res = await h.call('POST', '/v1/customers', { token, body: pascalCase(customerBody(prefix)) });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.companyProfile.tenantId).toBe(res.body.id);
    expect(res.body.companyProfile.domain).toBe(`${prefix}.onmicrosoft.com`);
    expect(res.body.relationshipToPartner).toBe('reseller');
    expect(res.body.userCredentials.userName).toBe('admin');
    expect(res.body.userCredentials.password.length).toBeGreaterThanOrEqual(12);
    expect(res.body.billingProfile.attributes.etag).toBeTruthy();
    expect(res.body.attributes.objectType).toBe('Customer');
    const again = await h.call('GET', `/v1/customers/${res.body.id}`, { token });
    expect(again.body.userCredentials).toBeUndefined();
    // Default GDAP (docs/PARTNER-CENTER-REFERENCE.md §2.2) gives admin access, so the address and e-mail are shown.
    expect(again.body.companyProfile.address.postalCode).toBe('98052');
  });

  it('replays the first response for a repeated MS-RequestId: same id, the list grows by one', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const before = (await h.call('GET', '/v1/customers?size=0', { token })).body.totalCount as number;
    const headers = { 'MS-RequestId': 'b1c2d3e4-0000-4000-8000-000000000001', 'MS-CorrelationId': 'c0c0c0c0-0000-4000-8000-000000000001' };
    const body = customerBody(freshPrefix());
    const first = await h.call('POST', '/v1/customers', { token, body, headers });
    const second = await h.call('POST', '/v1/customers', { token, body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.userCredentials.password).toBe(first.body.userCredentials.password);
    expect(second.headers.get('MS-RequestId')).toBe(headers['MS-RequestId']);
    expect(second.headers.get('MS-CorrelationId')).toBe(headers['MS-CorrelationId']);
    expect((await h.call('GET', '/v1/customers?size=0', { token })).body.totalCount).toBe(before + 1);
    const counters = (await h.control('GET', '/counters')).body;
    expect(counters['customers.create']).toBe(2);
    expect((await h.control('GET', '/state')).body.effects['add_customer']).toBe(1);
    const calls = (await h.control('GET', '/calls?operation=customers.create')).body.calls;
    expect(calls.map((c: { replayed?: boolean }) => c.replayed ?? false)).toEqual([false, true]);
  });

  it('lists with seek paging through links.next (relative to the versioned root, as Microsoft writes it) and MS-ContinuationToken', async () => {
    const h = new Harness();
    const token = await h.token(SANDBOX);
    for (let i = 0; i < 5; i++) expect((await h.call('POST', '/v1/customers', { token, body: customerBody(freshPrefix('page')) })).status).toBe(201);
    const seen: string[] = [];
    let res = await h.call('GET', '/v1/customers?size=2', { token });
    for (;;) {
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      const next = res.body.links.next;
      if (!next) break;
      expect(next.headers[0].key).toBe('MS-ContinuationToken');
      expect(next.uri).toContain('seekOperation=Next');
      expect(next.uri).toMatch(/^\/customers\?/);
      expect(res.body.links.self.uri).toMatch(/^\/customers\?/);
      // As Microsoft's SDK does: the link is joined to the versioned root.
      res = await h.call(next.method, `/v1${next.uri}`, { token, headers: { [next.headers[0].key]: next.headers[0].value } });
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect((await h.call('GET', '/v1/customers?size=501', { token })).status).toBe(400);
    expect((await h.call('GET', '/v1/customers', { token, headers: { 'MS-ContinuationToken': 'garbage' } })).body.code).toBe(3000);
  });

  it('filters by domain, company name and indirect reseller with starts_with, ignoring case', async () => {
    const h = new Harness();
    const app = await h.token(LATAM);
    const user = await h.token(LATAM, 'user');
    const q = (field: string, value: string) => `/v1/customers?size=0&filter=${encodeURIComponent(JSON.stringify({ Field: field, Value: value, Operator: 'starts_with' }))}`;
    expect((await h.call('GET', q('Domain', 'WINGTIP'), { token: app })).body.items.map((c: { id: string }) => c.id)).toEqual([tenant('wingtip').tenantId]);
    expect((await h.call('GET', q('CompanyName', 'wingtip toys'), { token: app })).body.totalCount).toBe(1);
    expect((await h.call('GET', q('Domain', 'fabrikam'), { token: app })).body.totalCount).toBe(0);
    expect((await h.call('GET', q('IndirectReseller', reseller('adatum').tenantId), { token: user })).body.totalCount).toBe(1);
    expect((await h.call('GET', q('IndirectReseller', reseller('adatum').tenantId), { token: app })).body.code).toBe(900329);
    const bad = await h.call('GET', `/v1/customers?filter=${encodeURIComponent('{"Field":"Domain","Value":"x","Operator":"equals"}')}`, { token: app });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(3000);
  });

  it('answers 404/60003 for an unknown tenant and 403/20002 for a tenant without relationship', async () => {
    const h = new Harness({ scenario: SCENARIO_WITHOUT_GDAP });
    const token = await h.token(LATAM);
    const unknown = await h.call('GET', '/v1/customers/00000000-0000-4000-8000-000000000000', { token });
    expect([unknown.status, unknown.body.code, unknown.body.source]).toEqual([404, 60003, 'PartnerFD']);
    const unrelated = await h.call('GET', `/v1/customers/${tenant('fabrikam').tenantId}`, { token });
    expect([unrelated.status, unrelated.body.code]).toEqual([403, 20002]);
    const related = await h.call('GET', `/v1/customers/${tenant('wingtip').tenantId}`, { token });
    expect(related.status).toBe(200);
    expect(related.body.associatedPartnerId).toBe(reseller('adatum').tenantId);
    // No GDAP with Wingtip: no address, e-mail or custom domains (docs/PARTNER-CENTER-REFERENCE.md §2.1).
    expect(related.body.companyProfile.address).toBeUndefined();
  });

  it('creates a customer for an indirect reseller only with app+user and a reseller of the network', async () => {
    const h = new Harness();
    const body = customerBody(freshPrefix('indirect'), { associatedPartnerId: reseller('adatum').tenantId });
    const appOnly = await h.call('POST', '/v1/customers', { token: await h.token(LATAM), body });
    expect([appOnly.status, appOnly.body.code]).toEqual([403, 900329]);
    const user = await h.token(LATAM, 'user');
    const ok = await h.call('POST', '/v1/customers', { token: user, body });
    expect(ok.status).toBe(201);
    expect(ok.body.associatedPartnerId).toBe(reseller('adatum').tenantId);
    const notMine = await h.call('POST', '/v1/customers', { token: user, body: customerBody(freshPrefix(), { associatedPartnerId: reseller('relecloud').tenantId }) });
    expect([notMine.status, notMine.body.code, notMine.body.data]).toEqual([400, 3000, ['associatedPartnerId']]);
    const direct = await h.call('POST', '/v1/customers', { token: await h.token(NORTHWIND, 'user'), body: customerBody(freshPrefix(), { associatedPartnerId: reseller('adatum').tenantId }) });
    expect(direct.status).toBe(400);
  });

  it('applies country rules at creation: 600049, 600050, 600051, 600002 and postal/state checks', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const br = { country: 'BR', state: 'SP', city: 'São Paulo', postalCode: '01310-100' };
    const cases: [Parameters<typeof customerBody>[1], number, number][] = [
      [{ ...br, phone: '+55 11 5555 0000' }, 400, 600049],
      [{ ...br, phone: '+55 11 5555 0000', registrationNumber: '123' }, 400, 600050],
      [{ ...br, registrationNumber: '11222333000181' }, 400, 600051],
      [{ registrationNumber: '12345' }, 400, 600002],
      [{ postalCode: 'ABCDE' }, 400, 3000],
      [{ state: '' }, 400, 3000],
      [{ state: 'ZZ' }, 400, 3000],
      [{ companyName: 'LLC' }, 400, 3000],
      [{ companyName: '!!' }, 400, 3000],
      [{ email: 'someone@microsoft.com' }, 400, 3000],
    ];
    for (const [overrides, status, code] of cases) {
      const res = await h.call('POST', '/v1/customers', { token, body: customerBody(freshPrefix(), overrides) });
      expect({ overrides, status: res.status, code: res.body.code }).toEqual({ overrides, status, code });
    }
    const wrongFormat = await h.call('POST', '/v1/customers', { token, body: customerBody(freshPrefix(), { ...br, phone: '+55 11 5555 0000', registrationNumber: '123' }) });
    expect(wrongFormat.body.description).toContain('^\\d{14}$');
    const okBr = await h.call('POST', '/v1/customers', { token, body: customerBody(freshPrefix(), { ...br, phone: '+55 11 5555 0000', registrationNumber: '11222333000181' }) });
    expect(okBr.status).toBe(201);
    const unknownCountry = await h.call('POST', '/v1/customers', { token, body: customerBody(freshPrefix(), { country: 'JP', postalCode: '100-0001' }) });
    expect(unknownCountry.status).toBe(501);
  });

  it('refuses a bad prefix (3000), a taken domain (409/600011) and a supplied password', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const bad = await h.call('POST', '/v1/customers', { token, body: customerBody('bad-prefix') });
    expect([bad.status, bad.body.code, bad.body.data]).toEqual([400, 3000, ['companyProfile.domain']]);
    const taken = await h.call('POST', '/v1/customers', { token, body: customerBody('tailspintoys') });
    expect([taken.status, taken.body.code]).toEqual([409, 600011]);
    const withPassword = customerBody(freshPrefix()) as Record<string, unknown>;
    withPassword['userCredentials'] = { userName: 'boss', password: 'Secret123!' };
    expect((await h.call('POST', '/v1/customers', { token, body: withPassword })).body.code).toBe(3000);
    const missing = await h.call('POST', '/v1/customers', { token, body: { companyProfile: { domain: 'x.onmicrosoft.com' } } });
    expect([missing.status, missing.body.code]).toEqual([400, 3000]);
    expect(missing.body.data).toContain('billingProfile');
    const notJson = await h.call('POST', '/v1/customers', { token, rawBody: '{nope', headers: { 'Content-Type': 'application/json' } });
    expect([notJson.status, notJson.body.code]).toEqual([400, 3000]);
  });

  it('deletes customers only in the integration sandbox, and enforces its 75-customer limit', async () => {
    const h = new Harness();
    const sandbox = await h.token(SANDBOX);
    const created = await h.call('POST', '/v1/customers', { token: sandbox, body: customerBody(freshPrefix()) });
    expect((await h.call('DELETE', `/v1/customers/${created.body.id}`, { token: sandbox })).status).toBe(204);
    expect((await h.call('GET', `/v1/customers/${created.body.id}`, { token: sandbox })).status).toBe(404);
    const latam = await h.token(LATAM);
    const refused = await h.call('DELETE', `/v1/customers/${tenant('wingtip').tenantId}`, { token: latam });
    expect([refused.status, refused.body.code]).toEqual([403, 600006]);
    await h.control('PUT', '/throttling', { limitPerMinute: 10_000 });
    for (let i = 0; i < 75; i++) await h.call('POST', '/v1/customers', { token: sandbox, body: customerBody(freshPrefix('lim')) });
    const over = await h.call('POST', '/v1/customers', { token: sandbox, body: customerBody(freshPrefix('lim')) });
    expect([over.status, over.body.code]).toEqual([400, 800018]);
  });

  it('PATCH relationshipToPartner none removes the customer from the partner list (docs/PARTNER-CENTER-REFERENCE.md §2.8)', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const res = await h.call('PATCH', `/v1/customers/${tenant('wingtip').tenantId}`, { token, body: { relationshipToPartner: 'none', attributes: { objectType: 'Customer' } } });
    expect(res.status).toBe(200);
    expect(res.body.relationshipToPartner).toBe('none');
    expect((await h.call('GET', `/v1/customers/${tenant('wingtip').tenantId}`, { token })).body.code).toBe(20002);
    expect((await h.call('PATCH', `/v1/customers/${tenant('alpine').tenantId}`, { token, body: { allowDelegatedAccess: false } })).status).toBe(403);
  });

  it('reads and updates the billing profile with its etag (2055 when stale)', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const id = tenant('wingtip').tenantId;
    const profile = (await h.call('GET', `/v1/customers/${id}/profiles/billing`, { token })).body;
    const update = { ...profile, companyName: 'Wingtip Toys Renamed' };
    const ok = await h.call('PUT', `/v1/customers/${id}/profiles/billing`, { token, body: update });
    expect(ok.status).toBe(200);
    expect(ok.body.companyName).toBe('Wingtip Toys Renamed');
    const stale = await h.call('PUT', `/v1/customers/${id}/profiles/billing`, { token, body: update });
    expect([stale.status, stale.body.code]).toEqual([400, 2055]);
    expect((await h.call('GET', `/v1/customers/${id}/profiles/company`, { token })).body.companyName).toBe('Wingtip Toys SA de CV');
  });

  it('records add_customer audit records', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    await h.call('POST', '/v1/customers', { token, body: customerBody(freshPrefix()) });
    const day = new Date(h.engine.now()).toISOString().slice(0, 10);
    const res = await h.call('GET', `/v1/auditrecords?startDate=${day}&endDate=${day}&size=10`, { token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: { operationType: string }) => a.operationType)).toContain('add_customer');
    expect((await h.call('GET', '/v1/auditrecords', { token })).status).toBe(400);
  });

  it('lists the indirect reseller associated with a customer (docs/PARTNER-CENTER-REFERENCE.md §6) with app+user only', async () => {
    const h = new Harness();
    const id = tenant('wingtip').tenantId;
    const res = await h.call('GET', `/v1/customers/${id}/relationships`, { token: await h.token(LATAM, 'user') });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ id: reseller('adatum').tenantId, mpnId: '6100001', relationshipType: 'is_indirect_reseller_of' })]);
    expect((await h.call('GET', `/v1/customers/${id}/relationships`, { token: await h.token(LATAM) })).body.code).toBe(900329);
  });
});
