import { describe, expect, it } from 'vitest';
import { createVerify } from 'node:crypto';
import { Harness, LATAM, reseller, tenant } from './support/emulator-harness';

async function register(h: Harness, events: string[]) {
  const token = await h.token(LATAM);
  const res = await h.call('POST', '/webhooks/v1/registration', { token, body: { WebhookUrl: 'https://hooks.example.com/pc', WebhookEvents: events } });
  expect(res.status).toBe(200);
  return { token, registration: res.body };
}

describe('webhook registration and delivery (docs/PARTNER-CENTER-REFERENCE.md §16)', () => {
  it('registers, reads, updates and deletes the registration (PascalCase bodies)', async () => {
    const h = new Harness();
    const { token, registration } = await register(h, ['test-created']);
    expect(registration).toMatchObject({ WebhookUrl: 'https://hooks.example.com/pc', WebhookEvents: ['test-created'] });
    expect(registration.SubscriberId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await h.call('POST', '/webhooks/v1/registration', { token, body: { WebhookUrl: 'https://x.example.com', WebhookEvents: ['test-created'] } })).status).toBe(409);
    const updated = await h.call('PUT', '/webhooks/v1/registration', { token, body: { webhookUrl: 'https://hooks.example.com/v2', webhookEvents: ['test-created', 'subscription-updated'] } });
    expect(updated.body.WebhookEvents).toEqual(['test-created', 'subscription-updated']);
    expect((await h.call('GET', '/webhooks/v1/registration', { token })).body.WebhookUrl).toBe('https://hooks.example.com/v2');
    expect((await h.call('GET', '/webhooks/v1/registration/events', { token })).body).toContain('reseller-relationship-accepted-by-customer');
    expect((await h.call('POST', '/webhooks/v1/registration', { token, body: { WebhookUrl: 'not a url', WebhookEvents: ['x'] } })).body.code).toBe(3000);
    expect((await h.call('DELETE', '/webhooks/v1/registration', { token })).status).toBe(204);
    expect((await h.call('GET', '/webhooks/v1/registration', { token })).status).toBe(404);
  });

  it('sends a signed test event, reports its status, and allows 2 per minute', async () => {
    const h = new Harness();
    const { token } = await register(h, ['test-created']);
    const ev = await h.call('POST', '/webhooks/v1/registration/validationEvents', { token });
    expect(ev.status).toBe(200);
    await h.control('POST', '/webhooks/flush');
    expect(h.delivered).toHaveLength(1);
    const delivery = h.delivered[0]!;
    expect(JSON.parse(delivery.body).EventName).toBe('test-created');
    expect(delivery.headers['x-ms-signature-algorithm']).toBe('rsa-sha256');
    const certificate = await h.call('GET', delivery.headers['x-ms-certificate-url']!.replace('http://localhost', ''));
    const signature = delivery.headers['authorization']!.replace(/^Signature /, '');
    expect(createVerify('RSA-SHA256').update(delivery.body, 'utf8').verify(certificate.text, signature, 'base64')).toBe(true);
    expect(createVerify('RSA-SHA256').update(`${delivery.body} `, 'utf8').verify(certificate.text, signature, 'base64')).toBe(false);
    const status = await h.call('GET', `/webhooks/v1/registration/validationEvents/${ev.body.correlationId}`, { token });
    expect(status.body).toMatchObject({ correlationId: ev.body.correlationId, status: 'completed', callbackUrl: 'https://hooks.example.com/pc', results: [{ responseCode: '200' }] });
    expect((await h.call('POST', '/webhooks/v1/registration/validationEvents', { token })).status).toBe(200);
    expect((await h.call('POST', '/webhooks/v1/registration/validationEvents', { token })).status).toBe(429);
  });

  it('retries a failing receiver with back-off and parks after 10 attempts', async () => {
    const h = new Harness();
    h.webhookStatus = 500;
    const { token } = await register(h, ['test-created']);
    await h.call('POST', '/webhooks/v1/registration/validationEvents', { token });
    await h.control('POST', '/webhooks/flush');
    expect(h.delivered).toHaveLength(1);
    for (let i = 0; i < 12; i++) {
      await h.advance(3600);
      await h.control('POST', '/webhooks/flush');
    }
    expect(h.delivered).toHaveLength(10);
    const deliveries = (await h.control('GET', '/webhooks/deliveries')).body;
    expect(deliveries[0]).toMatchObject({ status: 'parked', attempts: 10, lastResponseStatus: 500 });
  });
});

describe('customer side /admin pages (docs/PARTNER-CENTER-REFERENCE.md §6, §12.3)', () => {
  it('accepting the relationship link creates the relationship and fires the signed webhook event', async () => {
    const h = new Harness();
    await register(h, ['reseller-relationship-accepted-by-customer']);
    const user = await h.token(LATAM, 'user');
    const link = (await h.call('GET', `/v1/customers/relationshiprequests?indirectResellerId=${reseller('lucerne').tenantId}`, { token: user })).body.url as string;
    const url = new URL(link);
    const page = await h.app.request(url.pathname + url.search + '&as=fabrikam');
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Contoso Distribution LATAM');
    expect(html).toContain('Lucerne Publishing Colombia');
    expect(html).toMatch(/<option value="c2b20001-[^"]+" selected>/);
    // Without `as`, no tenant is pre-selected: the list starts on a prompt and must be chosen.
    const unnamed = await (await h.app.request(url.pathname + url.search)).text();
    expect(unnamed).toMatch(/<select name="tenantId" required><option value="" selected disabled>/);
    expect(unnamed).not.toMatch(/<option value="[0-9a-f-]{36}" selected>/);
    expect((await h.call('GET', `/v1/customers/${tenant('fabrikam').tenantId}`, { token: user })).status).toBe(403);
    const form = new URLSearchParams({ partnerId: LATAM.tenantId, indirectCSPId: reseller('lucerne').tenantId, tenantId: tenant('fabrikam').tenantId, action: 'accept' });
    const accepted = await h.app.request('/admin/partner-invitation/accept', { method: 'POST', body: form });
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('Invitation accepted');
    const customer = await h.call('GET', `/v1/customers/${tenant('fabrikam').tenantId}`, { token: user });
    expect(customer.status).toBe(200);
    expect(customer.body.associatedPartnerId).toBe(reseller('lucerne').tenantId);
    expect(customer.body.companyProfile.domain).toBe('fabrikam.com');
    await h.control('POST', '/webhooks/flush');
    expect(h.delivered.map((d) => JSON.parse(d.body))).toEqual([
      expect.objectContaining({ EventName: 'reseller-relationship-accepted-by-customer', ResourceName: 'Customer', ResourceUri: `https://api.partnercenter.microsoft.com/v1/customers/${tenant('fabrikam').tenantId}` }),
    ]);
    const again = await h.app.request('/admin/partner-invitation/accept', { method: 'POST', body: form });
    expect(await again.text()).toContain('Already accepted');
    expect((await h.control('GET', '/counters')).body['event:reseller-relationship-accepted-by-customer']).toBe(1);
  });

  it('the control plane accepts on behalf of the customer too', async () => {
    const h = new Harness();
    const res = await h.control('POST', '/relationships/accept', { partner: 'distributor-europe', customer: 'tailspintoys.co.uk' });
    expect(res.body.created).toBe(true);
    expect((await h.control('POST', '/relationships/accept', { partner: 'distributor-europe', customer: 'nobody' })).status).toBe(404);
  });

  it('the GDAP approval link page approves the relationship as the signed-in Global Admin', async () => {
    const h = new Harness();
    await h.control('PUT', '/settings', { gdapActivationDelaySeconds: 0 });
    await register(h, ['granular-admin-relationship-approved', 'granular-admin-relationship-activated']);
    const graph = await h.token(LATAM, 'user', 'graph');
    const rel = (await h.call('POST', '/graph/v1.0/tenantRelationships/delegatedAdminRelationships', {
      token: graph,
      body: { displayName: 'Coho GDAP', duration: 'P730D', customer: { tenantId: tenant('coho').tenantId }, accessDetails: { unifiedRoles: [{ roleDefinitionId: 'fe930be7-5e62-47db-91af-98c3a49a38b1' }] } },
    })).body;
    await h.call('POST', `/graph/v1.0/tenantRelationships/delegatedAdminRelationships/${rel.id}/requests`, { token: graph, body: { action: 'lockForApproval' } });
    const home = await (await h.app.request('/admin/AdminPortal/Home')).text();
    expect(home).toContain(`/admin/granularAdminRelationships/${rel.id}`);
    expect(home).toContain('granularAdminRelationships\\/');
    const page = await (await h.app.request(`/admin/granularAdminRelationships/${rel.id}`)).text();
    expect(page).toContain('User Administrator');
    expect(page).toContain('Approve all roles');
    const approved = await h.app.request(`/admin/granularAdminRelationships/${rel.id}/approve`, { method: 'POST', body: new URLSearchParams({ tenantId: tenant('coho').tenantId }) });
    expect(approved.status).toBe(200);
    expect((await h.call('GET', `/graph/v1.0/tenantRelationships/delegatedAdminRelationships/${rel.id}`, { token: graph })).body.status).toBe('active');
    await h.control('POST', '/webhooks/flush');
    expect(h.delivered.map((d) => JSON.parse(d.body).EventName)).toEqual(['granular-admin-relationship-approved', 'granular-admin-relationship-activated']);
    const twice = await h.app.request(`/admin/granularAdminRelationships/${rel.id}/approve`, { method: 'POST', body: new URLSearchParams({ tenantId: tenant('coho').tenantId }) });
    expect(twice.status).toBe(400);
  });
});
