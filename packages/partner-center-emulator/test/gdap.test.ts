import { describe, expect, it } from 'vitest';
import { Harness, LATAM, EUROPE, tenant } from './support/emulator-harness';

const ROLES = {
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
};
const BASE = '/graph/v1.0/tenantRelationships/delegatedAdminRelationships';

function relationshipBody(overrides: Record<string, unknown> = {}) {
  return {
    displayName: `CSP Hub ${Math.random().toString(36).slice(2, 10)}`,
    duration: 'P730D',
    customer: { tenantId: tenant('fabrikam').tenantId, displayName: 'Fabrikam' },
    accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.directoryReaders }, { roleDefinitionId: ROLES.userAdministrator }] },
    autoExtendDuration: 'P180D',
    ...overrides,
  };
}

async function graphSetup() {
  const h = new Harness();
  await h.control('PUT', '/settings', { gdapActivationDelaySeconds: 60, accessAssignmentActivationDelaySeconds: 30, gdapTerminationDelaySeconds: 60 });
  const token = await h.token(LATAM, 'user', 'graph');
  return { h, token };
}

describe('GDAP relationships (docs/PARTNER-CENTER-REFERENCE.md §12)', () => {
  it('creates in status created with a Location, lists by customer tenant id, gets by id', async () => {
    const { h, token } = await graphSetup();
    const created = await h.call('POST', BASE, { token, body: relationshipBody() });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('created');
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}-[0-9a-f-]{36}$/);
    expect(created.body['@odata.etag']).toMatch(/^W\/"/);
    expect(created.headers.get('Location')).toContain(`${BASE}/${created.body.id}`);
    expect(created.body.activatedDateTime).toBeNull();
    // The dates the "Create delegatedAdminRelationship" example shows: created and modified now,
    // activated and end dates null until the customer approves.
    expect(created.body.createdDateTime).toBe(new Date(h.clock.now()).toISOString());
    expect(created.body.lastModifiedDateTime).toBe(created.body.createdDateTime);
    expect(created.body.endDateTime).toBeNull();
    const list = await h.call('GET', `${BASE}?$filter=${encodeURIComponent(`customer/tenantId eq '${tenant('fabrikam').tenantId}'`)}&$count=true`, { token });
    expect(list.body.value.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    expect(list.body['@odata.count']).toBe(1);
    expect((await h.call('GET', `${BASE}/${created.body.id}`, { token })).body.displayName).toBe(created.body.displayName);
    expect((await h.call('GET', `${BASE}/nope`, { token })).body.error.code).toBe('Request_ResourceNotFound');
    // Another partner does not see it.
    expect((await h.call('GET', `${BASE}/${created.body.id}`, { token: await h.token(EUROPE, 'user', 'graph') })).status).toBe(404);
    const bad = await h.call('GET', `${BASE}?$filter=${encodeURIComponent("startswith(displayName,'x')")}`, { token });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'BadRequest']);
  });

  it('leaves customer.displayName out when created without it, and Entra fills it at approval', async () => {
    // Graph resource page "delegatedAdminRelationshipCustomerParticipant": displayName is read-only.
    const { h, token } = await graphSetup();
    const created = await h.call('POST', BASE, { token, body: relationshipBody({ customer: { tenantId: tenant('fabrikam').tenantId } }) });
    expect(created.status).toBe(201);
    expect(created.body.customer).toEqual({ tenantId: tenant('fabrikam').tenantId });
    expect((await h.call('GET', `${BASE}/${created.body.id}`, { token })).body.customer).not.toHaveProperty('displayName');
    await h.call('POST', `${BASE}/${created.body.id}/requests`, { token, body: { action: 'lockForApproval' } });
    await h.control('POST', `/gdap/${created.body.id}/approve`, {});
    expect((await h.call('GET', `${BASE}/${created.body.id}`, { token })).body.customer).toEqual({ tenantId: tenant('fabrikam').tenantId, displayName: tenant('fabrikam').companyName });
  });

  it('validates duration, unique names and refuses auto-extend with Global Administrator', async () => {
    const { h, token } = await graphSetup();
    expect((await h.call('POST', BASE, { token, body: relationshipBody({ duration: 'P731D' }) })).status).toBe(400);
    const ga = await h.call('POST', BASE, { token, body: relationshipBody({ accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.globalAdministrator }] } }) });
    expect(ga.status).toBe(400);
    expect(ga.body.error.message).toMatch(/Global Administrator/);
    const gaNoExtend = await h.call('POST', BASE, { token, body: relationshipBody({ autoExtendDuration: 'PT0S', accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.globalAdministrator }] } }) });
    expect(gaNoExtend.status).toBe(201);
    const name = relationshipBody();
    expect((await h.call('POST', BASE, { token, body: name })).status).toBe(201);
    expect((await h.call('POST', BASE, { token, body: { ...name } })).status).toBe(409);
    expect((await h.call('POST', BASE, { token, body: { displayName: 'x' } })).body.error.code).toBe('BadRequest');
  });

  it('updates and deletes only while created, with If-Match', async () => {
    const { h, token } = await graphSetup();
    const created = (await h.call('POST', BASE, { token, body: relationshipBody() })).body;
    const path = `${BASE}/${created.id}`;
    expect((await h.call('PATCH', path, { token, body: { duration: 'P365D' } })).status).toBe(400);
    expect((await h.call('PATCH', path, { token, body: { duration: 'P365D' }, headers: { 'If-Match': 'W/"stale"' } })).status).toBe(412);
    const patched = await h.call('PATCH', path, { token, body: { duration: 'P365D' }, headers: { 'If-Match': created['@odata.etag'] } });
    expect(patched.status).toBe(200);
    expect(patched.body.duration).toBe('P365D');
    await h.call('POST', `${path}/requests`, { token, body: { action: 'lockForApproval' } });
    const locked = (await h.call('GET', path, { token })).body;
    expect((await h.call('PATCH', path, { token, body: { duration: 'P30D' }, headers: { 'If-Match': locked['@odata.etag'] } })).status).toBe(400);
    expect((await h.call('DELETE', path, { token, headers: { 'If-Match': locked['@odata.etag'] } })).status).toBe(400);
    const other = (await h.call('POST', BASE, { token, body: relationshipBody() })).body;
    expect((await h.call('DELETE', `${BASE}/${other.id}`, { token, headers: { 'If-Match': other['@odata.etag'] } })).status).toBe(204);
    expect((await h.call('GET', `${BASE}/${other.id}`, { token })).status).toBe(404);
  });

  it('runs created → approvalPending → approved → active → auto-extended, with the clock', async () => {
    const { h, token } = await graphSetup();
    const created = (await h.call('POST', BASE, { token, body: relationshipBody() })).body;
    const path = `${BASE}/${created.id}`;
    const lock = await h.call('POST', `${path}/requests`, { token, body: { action: 'lockForApproval' } });
    // "Create delegatedAdminRelationshipRequest": 201, a Location, the request `created`; Graph acts on it afterwards.
    expect(lock.status).toBe(201);
    expect(lock.body).toMatchObject({ action: 'lockForApproval', status: 'created' });
    expect(lock.headers.get('Location')).toMatch(new RegExp(`${path}/requests/${lock.body.id}$`));
    expect((await h.call('GET', path, { token })).body.status).toBe('approvalPending');
    expect((await h.call('GET', `${path}/requests/${lock.body.id}`, { token })).body.status).toBe('succeeded');
    expect((await h.call('POST', `${path}/requests`, { token, body: { action: 'lockForApproval' } })).status).toBe(400);
    const approve = await h.control('POST', `/gdap/${created.id}/approve`, {});
    expect(approve.body.status).toBe('approved');
    await h.advance(59);
    const fresh = await h.token(LATAM, 'user', 'graph');
    expect((await h.call('GET', path, { token: fresh })).body.status).toBe('approved');
    await h.advance(1);
    const active = (await h.call('GET', path, { token: fresh })).body;
    expect(active.status).toBe('active');
    expect(Date.parse(active.endDateTime) - Date.parse(active.activatedDateTime)).toBe(730 * 86_400_000);
    await h.advance((Date.parse(active.endDateTime) - h.engine.now()) / 1000 + 1);
    const extended = (await h.call('GET', path, { token: await h.token(LATAM, 'user', 'graph') })).body;
    expect(extended.status).toBe('active');
    expect(Date.parse(extended.endDateTime) - Date.parse(active.endDateTime)).toBe(180 * 86_400_000);
  });

  it('shows expiring in the last 30 days and expires without auto-extend', async () => {
    const { h, token } = await graphSetup();
    const created = (await h.call('POST', BASE, { token, body: relationshipBody({ duration: 'P90D', autoExtendDuration: 'PT0S' }) })).body;
    await h.call('POST', `${BASE}/${created.id}/requests`, { token, body: { action: 'lockForApproval' } });
    await h.control('POST', `/gdap/${created.id}/approve`, {});
    await h.advance(60 + 61 * 86_400);
    const get = async () => (await h.call('GET', `${BASE}/${created.id}`, { token: await h.token(LATAM, 'user', 'graph') })).body.status;
    expect(await get()).toBe('expiring');
    await h.advance(30 * 86_400);
    expect(await get()).toBe('expired');
  });

  it('lets an unapproved request expire after 90 days, or on demand', async () => {
    const { h, token } = await graphSetup();
    const a = (await h.call('POST', BASE, { token, body: relationshipBody() })).body;
    const b = (await h.call('POST', BASE, { token, body: relationshipBody() })).body;
    for (const r of [a, b]) await h.call('POST', `${BASE}/${r.id}/requests`, { token, body: { action: 'lockForApproval' } });
    expect((await h.control('POST', `/gdap/${a.id}/expire`)).body.status).toBe('expired');
    expect((await h.control('POST', `/gdap/${a.id}/approve`, {})).status).toBe(400);
    await h.advance(90 * 86_400);
    expect((await h.call('GET', `${BASE}/${b.id}`, { token: await h.token(LATAM, 'user', 'graph') })).body.status).toBe('expired');
  });

  it('binds a customer-less request to the approving tenant and refuses another tenant', async () => {
    const { h, token } = await graphSetup();
    const open = (await h.call('POST', BASE, { token, body: relationshipBody({ customer: undefined }) })).body;
    expect(open.customer).toBeNull();
    await h.call('POST', `${BASE}/${open.id}/requests`, { token, body: { action: 'lockForApproval' } });
    expect((await h.control('POST', `/gdap/${open.id}/approve`, { customer: 'coho' })).status).toBe(200);
    expect((await h.call('GET', `${BASE}/${open.id}`, { token })).body.customer.tenantId).toBe(tenant('coho').tenantId);
    const bound = (await h.call('POST', BASE, { token, body: relationshipBody() })).body;
    await h.call('POST', `${BASE}/${bound.id}/requests`, { token, body: { action: 'lockForApproval' } });
    expect((await h.control('POST', `/gdap/${bound.id}/approve`, { customer: 'coho' })).status).toBe(403);
  });

  it('manages access assignments pending → active, roles within the relationship, then terminates', async () => {
    const { h, token } = await graphSetup();
    await h.control('PUT', '/settings', { gdapActivationDelaySeconds: 0 });
    const rel = (await h.call('POST', BASE, { token, body: relationshipBody() })).body;
    const path = `${BASE}/${rel.id}`;
    const group = '11111111-2222-4333-8444-555555555555';
    const body = { accessContainer: { accessContainerId: group, accessContainerType: 'securityGroup' }, accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.userAdministrator }] } };
    expect((await h.call('POST', `${path}/accessAssignments`, { token, body })).status).toBe(400);
    await h.call('POST', `${path}/requests`, { token, body: { action: 'lockForApproval' } });
    await h.control('POST', `/gdap/${rel.id}/approve`, {});
    expect((await h.call('GET', path, { token })).body.status).toBe('active');
    const notInRelationship = await h.call('POST', `${path}/accessAssignments`, { token, body: { ...body, accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.licenseAdministrator }] } } });
    expect(notInRelationship.status).toBe(400);
    const created = await h.call('POST', `${path}/accessAssignments`, { token, body });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    expect((await h.call('POST', `${path}/accessAssignments`, { token, body })).status).toBe(409);
    await h.advance(30);
    const token2 = await h.token(LATAM, 'user', 'graph');
    const active = (await h.call('GET', `${path}/accessAssignments/${created.body.id}`, { token: token2 })).body;
    expect(active.status).toBe('active');
    const same = await h.call('PATCH', `${path}/accessAssignments/${created.body.id}`, {
      token: token2,
      body: { accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.userAdministrator }] } },
      headers: { 'If-Match': active['@odata.etag'] },
    });
    expect([same.status, same.body.id], 'the same roles: 200 with the assignment as it is').toEqual([200, created.body.id]);
    const updated = await h.call('PATCH', `${path}/accessAssignments/${created.body.id}`, {
      token: token2,
      body: { accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.directoryReaders }] } },
      headers: { 'If-Match': active['@odata.etag'] },
    });
    expect(updated.status).toBe(202);
    await h.advance(10);
    const token2b = await h.token(LATAM, 'user', 'graph');
    expect((await h.call('GET', `${path}/accessAssignments/${created.body.id}`, { token: token2b })).body.accessDetails.unifiedRoles).toEqual([{ roleDefinitionId: ROLES.directoryReaders }]);
    expect((await h.call('GET', `${path}/accessAssignments?$filter=${encodeURIComponent("status eq 'active'")}`, { token: token2b })).body.value).toHaveLength(1);
    const term = await h.call('POST', `${path}/requests`, { token: token2b, body: { action: 'terminate' } });
    expect(term.status).toBe(201);
    expect((await h.call('GET', path, { token: token2b })).body.status).toBe('terminationRequested');
    await h.advance(60);
    const token3 = await h.token(LATAM, 'user', 'graph');
    expect((await h.call('GET', path, { token: token3 })).body.status).toBe('terminated');
    expect((await h.call('GET', `${path}/requests`, { token: token3 })).body.value.map((r: { action: string }) => r.action)).toEqual(['lockForApproval', 'terminate']);
    expect((await h.call('POST', `${path}/requests`, { token: token3, body: { action: 'approve' } })).status).toBe(501);
  });

  it('keeps a request created until gdapRequestDelaySeconds pass, then succeeds it and moves the relationship', async () => {
    const { h, token } = await graphSetup();
    await h.control('PUT', '/settings', { gdapRequestDelaySeconds: 20 });
    const rel = (await h.call('POST', BASE, { token, body: relationshipBody() })).body;
    const path = `${BASE}/${rel.id}`;
    const lock = (await h.call('POST', `${path}/requests`, { token, body: { action: 'lockForApproval' } })).body;
    expect(lock.status).toBe('created');
    expect((await h.call('GET', path, { token })).body.status).toBe('created');
    expect((await h.call('POST', `${path}/requests`, { token, body: { action: 'lockForApproval' } })).status, 'one lock at a time').toBe(409);
    await h.advance(19);
    const fresh = await h.token(LATAM, 'user', 'graph');
    expect((await h.call('GET', `${path}/requests/${lock.id}`, { token: fresh })).body.status).toBe('created');
    await h.advance(1);
    const after = await h.token(LATAM, 'user', 'graph');
    const request = (await h.call('GET', `${path}/requests/${lock.id}`, { token: after })).body;
    expect(request.status).toBe('succeeded');
    expect(Date.parse(request.lastModifiedDateTime) - Date.parse(request.createdDateTime)).toBe(20_000);
    const locked = (await h.call('GET', path, { token: after })).body;
    expect(locked.status).toBe('approvalPending');
    expect(locked.lastModifiedDateTime).toBe(request.lastModifiedDateTime);
  });

  it('updates an access assignment as a long-running operation: 202, Location, Retry-After, notStarted → running → succeeded', async () => {
    const { h } = await graphSetup();
    await h.control('PUT', '/settings', { gdapActivationDelaySeconds: 0, accessAssignmentActivationDelaySeconds: 0, gdapOperationDelaySeconds: 10 });
    let token = await h.token(LATAM, 'user', 'graph');
    const rel = (await h.call('POST', BASE, { token, body: relationshipBody() })).body;
    const path = `${BASE}/${rel.id}`;
    await h.call('POST', `${path}/requests`, { token, body: { action: 'lockForApproval' } });
    await h.control('POST', `/gdap/${rel.id}/approve`, {});
    const group = 'aaaaaaaa-2222-4333-8444-555555555555';
    const created = (await h.call('POST', `${path}/accessAssignments`, { token, body: { accessContainer: { accessContainerId: group, accessContainerType: 'securityGroup' }, accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.userAdministrator }] } } })).body;
    const assignment = (await h.call('GET', `${path}/accessAssignments/${created.id}`, { token })).body;
    expect(assignment.status).toBe('active');
    const patch = (etag: string, roles: string[]) =>
      h.call('PATCH', `${path}/accessAssignments/${created.id}`, { token, body: { accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) } }, headers: { 'If-Match': etag } });
    expect((await patch('W/"stale"', [ROLES.directoryReaders])).status).toBe(412);
    const accepted = await patch(assignment['@odata.etag'], [ROLES.directoryReaders, ROLES.userAdministrator]);
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({});
    expect(accepted.headers.get('Retry-After')).toBe('5');
    const location = accepted.headers.get('Location')!;
    expect(location).toMatch(new RegExp(`^https?://[^/]+${path}/operations/[0-9a-f-]{36}$`));
    const opPath = new URL(location).pathname;
    const first = await h.call('GET', opPath, { token });
    expect(first.body).toMatchObject({ '@odata.type': '#microsoft.graph.delegatedAdminRelationshipOperation', operationType: 'delegatedAdminAccessAssignmentUpdate', status: 'notStarted' });
    expect(JSON.parse(first.body.data)).toMatchObject({ id: created.id, accessContainer: { accessContainerId: group }, accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLES.directoryReaders }, { roleDefinitionId: ROLES.userAdministrator }] } });
    expect(first.headers.get('Retry-After')).toBe('5');
    expect((await patch(assignment['@odata.etag'], [ROLES.directoryReaders])).status, 'one update at a time').toBe(409);
    await h.advance(5);
    token = await h.token(LATAM, 'user', 'graph');
    expect((await h.call('GET', opPath, { token })).body.status).toBe('running');
    expect((await h.call('GET', `${path}/accessAssignments/${created.id}`, { token })).body.accessDetails.unifiedRoles).toHaveLength(1);
    await h.advance(5);
    token = await h.token(LATAM, 'user', 'graph');
    const done = await h.call('GET', opPath, { token });
    expect(done.body.status).toBe('succeeded');
    expect(done.headers.get('Retry-After')).toBeNull();
    const after = (await h.call('GET', `${path}/accessAssignments/${created.id}`, { token })).body;
    expect(after.accessDetails.unifiedRoles).toHaveLength(2);
    expect(after['@odata.etag']).not.toBe(assignment['@odata.etag']);
    const listed = (await h.call('GET', `${path}/operations?$filter=${encodeURIComponent("status eq 'succeeded'")}`, { token })).body.value;
    expect(listed.map((o: { id: string }) => o.id)).toEqual([first.body.id]);
    expect((await h.call('GET', `${path}/operations/nope`, { token })).status).toBe(404);

    // An update whose relationship is terminated before it applies fails.
    const again = await patch(after['@odata.etag'], [ROLES.directoryReaders]);
    expect(again.status).toBe(202);
    await h.control('PUT', '/settings', { gdapTerminationDelaySeconds: 1 });
    await h.call('POST', `${path}/requests`, { token, body: { action: 'terminate' } });
    await h.advance(10);
    token = await h.token(LATAM, 'user', 'graph');
    expect((await h.call('GET', new URL(again.headers.get('Location')!).pathname, { token })).body.status).toBe('failed');
  });

  it('pages with $top and @odata.nextLink, lists delegatedAdminCustomers, and a default GDAP comes with each new customer', async () => {
    const { h, token } = await graphSetup();
    for (let i = 0; i < 5; i++) await h.call('POST', BASE, { token, body: relationshipBody() });
    const first = await h.call('GET', `${BASE}?$top=2`, { token });
    expect(first.body.value).toHaveLength(2);
    expect(first.body['@odata.nextLink'], "Graph's query options keep their $").toMatch(/\?\$top=2&\$skipToken=[^&]+$/);
    const next = new URL(first.body['@odata.nextLink']);
    const second = await h.call('GET', next.pathname + next.search, { token });
    expect(second.body.value).toHaveLength(2);
    expect(second.body.value[0].id).not.toBe(first.body.value[0].id);
    expect((await h.call('GET', `${BASE}?$top=301`, { token })).status).toBe(400);
    const pcToken = await h.token(LATAM);
    const customer = await h.call('POST', '/v1/customers', {
      token: pcToken,
      body: { companyProfile: { domain: 'gdapdefault1.onmicrosoft.com' }, billingProfile: { email: 'a@gdapdefault.com', culture: 'en-US', language: 'en', companyName: 'GDAP Default', defaultAddress: { addressLine1: '1 Main', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US' } } },
    });
    const defaults = await h.call('GET', `${BASE}?$filter=${encodeURIComponent(`customer/tenantId eq '${customer.body.id}'`)}`, { token });
    expect(defaults.body.value).toHaveLength(1);
    expect(defaults.body.value[0].status).toBe('active');
    expect(defaults.body.value[0].accessDetails.unifiedRoles).toHaveLength(11);
    const customers = await h.call('GET', '/graph/v1.0/tenantRelationships/delegatedAdminCustomers', { token });
    expect(customers.body.value.map((c: { tenantId: string }) => c.tenantId)).toContain(customer.body.id);
  });
});
