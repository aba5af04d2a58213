import { describe, expect, it } from 'vitest';
import { Harness, LATAM, SCENARIO_WITHOUT_GDAP, customerBody, freshPrefix, tenant } from './support/emulator-harness';

const MCA = '117a77b0-9360-443b-8795-c6dedc750cf9';

async function licensedCustomer(h: Harness, seats = 2) {
  await h.control('PUT', '/settings', { orderFulfilmentDelaySeconds: 0 });
  const app = await h.token(LATAM);
  const user = await h.token(LATAM, 'user');
  const prefix = freshPrefix('lic');
  const id = (await h.call('POST', '/v1/customers', { token: app, body: customerBody(prefix) })).body.id as string;
  await h.call('POST', `/v1/customers/${id}/agreements`, { token: user, body: { primaryContact: { firstName: 'A', lastName: 'B', email: 'a@b.com' }, templateId: MCA, dateAgreed: '2026-03-01', type: 'MicrosoftCustomerAgreement' } });
  const cart = await h.call('POST', `/v1/customers/${id}/carts`, { token: app, body: { lineItems: [{ id: 0, catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01', quantity: seats, billingCycle: 'monthly', termDuration: 'P1M' }] } });
  await h.call('POST', `/v1/customers/${id}/carts/${cart.body.id}/checkout`, { token: app });
  await h.advance(0);
  return { id, user, prefix };
}

describe('customer users and licences (docs/PARTNER-CENTER-REFERENCE.md §11)', () => {
  it('creates users, lists them with paging, assigns licences until none are left (60012)', async () => {
    const h = new Harness();
    const { id, user, prefix } = await licensedCustomer(h, 2);
    const mk = (n: number) => ({ usageLocation: 'US', userPrincipalName: `user${n}@${prefix}.onmicrosoft.com`, firstName: 'U', lastName: String(n), displayName: `User ${n}`, passwordProfile: { password: 'Passw0rd!234', forceChangePassword: true } });
    const created = [];
    for (let n = 1; n <= 3; n++) {
      const res = await h.call('POST', `/v1/customers/${id}/users`, { token: user, body: mk(n) });
      expect(res.status).toBe(201);
      created.push(res.body);
    }
    expect((await h.call('POST', `/v1/customers/${id}/users`, { token: user, body: mk(1) })).status).toBe(409);
    expect((await h.call('POST', `/v1/customers/${id}/users`, { token: user, body: { ...mk(9), userPrincipalName: 'x@other.com' } })).body.code).toBe(3000);
    const page = await h.call('GET', `/v1/customers/${id}/users?size=2`, { token: user });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.links.next.headers[0].key).toBe('MS-ContinuationToken');
    expect(page.body.links.next.uri).toBe(`/customers/${id}/users?size=2&seekOperation=Next`);
    const skus = await h.call('GET', `/v1/customers/${id}/subscribedskus`, { token: user });
    const sku = skus.body.items[0];
    expect(sku).toMatchObject({ totalUnits: 2, consumedUnits: 0, availableUnits: 2, productSku: { skuPartNumber: 'O365_BUSINESS_ESSENTIALS' } });
    for (const u of created.slice(0, 2)) {
      const res = await h.call('POST', `/v1/customers/${id}/users/${u.id}/licenseupdates`, { token: user, body: { licensesToAssign: [{ skuId: sku.productSku.id, excludedPlans: null }], licensesToRemove: null } });
      expect(res.status).toBe(201);
      expect(res.body.licenseWarnings).toEqual([]);
    }
    const none = await h.call('POST', `/v1/customers/${id}/users/${created[2].id}/licenseupdates`, { token: user, body: { licensesToAssign: [{ skuId: sku.productSku.id }] } });
    expect([none.status, none.body.code]).toEqual([400, 60012]);
    expect((await h.call('GET', `/v1/customers/${id}/subscribedskus`, { token: user })).body.items[0].consumedUnits).toBe(2);
    await h.call('POST', `/v1/customers/${id}/users/${created[0].id}/licenseupdates`, { token: user, body: { licensesToRemove: [sku.productSku.id] } });
    expect((await h.call('POST', `/v1/customers/${id}/users/${created[2].id}/licenseupdates`, { token: user, body: { licensesToAssign: [{ skuId: sku.productSku.id }] } })).status).toBe(201);
    expect((await h.call('GET', `/v1/customers/${id}/users/${created[2].id}/licenses`, { token: user })).body.items[0].productSku.id).toBe(sku.productSku.id);
    expect((await h.call('DELETE', `/v1/customers/${id}/users/${created[1].id}`, { token: user })).status).toBe(204);
    expect((await h.call('GET', `/v1/customers/${id}/users/${created[1].id}`, { token: user })).status).toBe(404);
    const day = new Date(h.engine.now()).toISOString().slice(0, 10);
    const audit = await h.call('GET', `/v1/auditrecords?startDate=${day}`, { token: user });
    expect(audit.body.items.map((a: { operationType: string }) => a.operationType)).toContain('update_customer_user_licenses');
  });

  it('needs app+user (900329) and an active GDAP role (900308)', async () => {
    const h = new Harness({ scenario: SCENARIO_WITHOUT_GDAP });
    const wingtip = tenant('wingtip').tenantId;
    expect((await h.call('GET', `/v1/customers/${wingtip}/users`, { token: await h.token(LATAM) })).body.code).toBe(900329);
    const noGdap = await h.call('GET', `/v1/customers/${wingtip}/users`, { token: await h.token(LATAM, 'user') });
    expect([noGdap.status, noGdap.body.code]).toEqual([403, 900308]);
  });
});
