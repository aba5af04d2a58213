import { describe, expect, it } from 'vitest';
import { Harness, LATAM, NORTHWIND, SANDBOX, customerBody, freshPrefix, tenant } from './support/emulator-harness';

const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';
const MCA = '117a77b0-9360-443b-8795-c6dedc750cf9';

async function customerWithMca(h: Harness, partner = LATAM): Promise<{ id: string; app: string; user: string }> {
  const app = await h.token(partner);
  const user = await h.token(partner, 'user');
  const created = await h.call('POST', '/v1/customers', { token: app, body: customerBody(freshPrefix('shop')) });
  const id = created.body.id as string;
  const mca = await h.call('POST', `/v1/customers/${id}/agreements`, {
    token: user,
    body: { primaryContact: { firstName: 'A', lastName: 'B', email: 'a@b.com' }, templateId: MCA, dateAgreed: '2026-03-01', type: 'MicrosoftCustomerAgreement' },
  });
  expect(mca.status).toBe(201);
  return { id, app, user };
}

function line(overrides: Record<string, unknown> = {}) {
  return { id: 0, catalogItemId: BASIC, quantity: 5, billingCycle: 'monthly', termDuration: 'P1Y', ...overrides };
}

async function buy(h: Harness, c: { id: string; app: string }, lines = [line()]) {
  const cart = await h.call('POST', `/v1/customers/${c.id}/carts`, { token: c.app, body: { PartnerOnRecordAttestationAccepted: true, LineItems: lines } });
  expect(cart.status).toBe(201);
  return h.call('POST', `/v1/customers/${c.id}/carts/${cart.body.id}/checkout`, { token: c.app });
}

describe('carts and orders (docs/PARTNER-CENTER-REFERENCE.md §9)', () => {
  it('checks out into a pending order that completes after the fulfilment delay, creating the subscription', async () => {
    const h = new Harness();
    await h.control('PUT', '/settings', { orderFulfilmentDelaySeconds: 120 });
    const c = await customerWithMca(h);
    const cart = await h.call('POST', `/v1/customers/${c.id}/carts`, { token: c.app, body: { partnerOnRecordAttestationAccepted: true, lineItems: [line({ participants: [{ key: 'transaction_reseller', value: '6100001' }] })] } });
    expect(cart.body).toMatchObject({ status: 'Active', lineItems: [{ catalogItemId: BASIC, currencyCode: 'USD', orderGroup: '0' }], attributes: { objectType: 'Cart' } });
    expect((await h.call('GET', `/v1/customers/${c.id}/carts/${cart.body.id}`, { token: c.app })).body.id).toBe(cart.body.id);
    const checkout = await h.call('POST', `/v1/customers/${c.id}/carts/${cart.body.id}/checkout`, { token: c.app });
    expect(checkout.status).toBe(201);
    expect(checkout.body.orderErrors).toEqual([]);
    const order = checkout.body.orders[0];
    expect(order.status).toBe('pending');
    expect(order.lineItems[0].partnerIdOnRecord).toBe('6100001');
    const prov = await h.call('GET', `/v1/customers/${c.id}/orders/${order.id}/provisioningstatus`, { token: c.user });
    expect(prov.body.items[0].status).toBe('unfulfilled');
    expect((await h.call('GET', `/v1/customers/${c.id}/subscriptions`, { token: c.app })).body.totalCount).toBe(0);
    await h.advance(119);
    expect((await h.call('GET', `/v1/customers/${c.id}/orders/${order.id}`, { token: c.app })).body.status).toBe('pending');
    await h.advance(1);
    const done = await h.call('GET', `/v1/customers/${c.id}/orders/${order.id}`, { token: c.app });
    expect(done.body.status).toBe('completed');
    expect(done.body.lineItems[0].subscriptionId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await h.call('GET', `/v1/customers/${c.id}/orders/${order.id}/provisioningstatus`, { token: c.user })).body.items[0].status).toBe('fulfilled');
    const subs = await h.call('GET', `/v1/customers/${c.id}/subscriptions?order_id=${order.id}`, { token: c.app });
    expect(subs.body.items[0]).toMatchObject({ offerId: BASIC, quantity: 5, status: 'active', termDuration: 'P1Y', billingCycle: 'monthly', partnerId: '6100001', autoRenewEnabled: true });
    expect((await h.call('GET', `/v1/customers/${c.id}/subscriptions?mpn_id=6100002`, { token: c.app })).body.totalCount).toBe(0);
    expect((await h.call('GET', `/v1/customers/${c.id}/orders`, { token: c.app })).body.totalCount).toBe(1);
    const again = await h.call('POST', `/v1/customers/${c.id}/carts/${cart.body.id}/checkout`, { token: c.app });
    expect([again.status, again.body.code]).toEqual([400, 800065]);
    expect((await h.call('GET', `/v1/customers/${c.id}/orders/nope`, { token: c.app })).body.code).toBe(20000);
  });

  it('refuses checkout without MCA acceptance (403/13605) and accepts a directly signed MCA', async () => {
    const h = new Harness();
    const app = await h.token(LATAM);
    const created = await h.call('POST', '/v1/customers', { token: app, body: customerBody(freshPrefix()) });
    const cart = await h.call('POST', `/v1/customers/${created.body.id}/carts`, { token: app, body: { lineItems: [line()] } });
    const res = await h.call('POST', `/v1/customers/${created.body.id}/carts/${cart.body.id}/checkout`, { token: app });
    expect([res.status, res.body.code]).toEqual([403, 13605]);
    await h.control('PUT', `/customers/${created.body.id}/direct-signed-mca`, { isSigned: true });
    expect((await h.call('POST', `/v1/customers/${created.body.id}/carts/${cart.body.id}/checkout`, { token: app })).status).toBe(201);
  });

  it('checks the partner of record: 800015, 800016, 2072, 900123, 900400', async () => {
    const h = new Harness();
    const c = await customerWithMca(h);
    const cases: [string, number, number][] = [
      ['9999999', 404, 800015],
      ['6100004', 400, 800016],
      ['5200001', 400, 800016],
      [LATAM.partnerId, 404, 2072],
      ['6100002', 403, 900123],
      ['4100001', 400, 900400], // Adatum's global Partner ID (PGA): orders name the location ID (§7.1)
    ];
    for (const [value, status, code] of cases) {
      const res = await buy(h, c, [line({ participants: [{ key: 'transaction_reseller', value }] })]);
      expect({ value, status: res.status, code: res.body.code }).toEqual({ value, status, code });
    }
    // A reseller whose partner-of-record authorization expired (control plane) is refused too.
    await h.control('PUT', '/resellers/lucerne/partner-of-record', { authorization: 'expired' });
    const lapsed = await buy(h, c, [line({ participants: [{ key: 'transaction_reseller', value: '6100003' }] })]);
    expect([lapsed.status, lapsed.body.code]).toEqual([400, 900400]);
    expect(lapsed.body.description).toMatch(/expired/);
  });

  it('reports line errors (10001, 10010, 10015, 10004) and turns them into orderErrors', async () => {
    const h = new Harness();
    const c = await customerWithMca(h);
    const cart = await h.call('POST', `/v1/customers/${c.id}/carts`, {
      token: c.app,
      body: { lineItems: [line({ id: 0, catalogItemId: 'NOPE:0001:NOPE' }), line({ id: 1, termDuration: 'P2Y' }), line({ id: 2, quantity: 301 })] },
    });
    expect(cart.body.lineItems.map((l: { error?: { errorCode: number } }) => l.error?.errorCode)).toEqual([10001, 10010, 10015]);
    const out = await h.call('POST', `/v1/customers/${c.id}/carts/${cart.body.id}/checkout`, { token: c.app });
    expect(out.status).toBe(201);
    expect(out.body.orders).toEqual([]);
    expect(out.body.orderErrors[0].code).toBe(10001);
    const direct = await customerWithMca(h, NORTHWIND);
    const participants = await h.call('POST', `/v1/customers/${direct.id}/carts`, { token: direct.app, body: { lineItems: [line({ participants: [{ key: 'transaction_reseller', value: '6100001' }] })] } });
    expect(participants.body.lineItems[0].error.errorCode).toBe(10004);
    const invalid = await h.call('POST', `/v1/customers/${c.id}/carts`, { token: c.app, body: { lineItems: [] } });
    expect([invalid.status, invalid.body.code]).toEqual([400, 3000]);
  });

  it('answers 409/800060 while the same offer is still being ordered, and expires carts after 7 days', async () => {
    const h = new Harness();
    const c = await customerWithMca(h);
    expect((await buy(h, c)).status).toBe(201);
    const second = await buy(h, c);
    expect([second.status, second.body.code]).toEqual([409, 800060]);
    const cart = await h.call('POST', `/v1/customers/${c.id}/carts`, { token: c.app, body: { lineItems: [line({ catalogItemId: 'CFQ7TTC0LDPB:0001:CFQ7TTC0LDPBAV01' })] } });
    expect(Date.parse(cart.body.expirationTimestamp) - Date.parse(cart.body.creationTimestamp)).toBe(7 * 86_400_000);
    await h.advance(7 * 86_400 + 1);
    // Tokens live an hour of emulator time: get a fresh one after moving the clock.
    expect((await h.call('GET', `/v1/customers/${c.id}/carts/${cart.body.id}`, { token: await h.token(LATAM) })).status).toBe(404);
  });

  it('applies sandbox limits: 25 licences per subscription (10009) and 5 subscriptions per customer (800018)', async () => {
    const h = new Harness();
    await h.control('PUT', '/settings', { orderFulfilmentDelaySeconds: 0 });
    const c = await customerWithMca(h, SANDBOX);
    const cart = await h.call('POST', `/v1/customers/${c.id}/carts`, { token: c.app, body: { lineItems: [line({ quantity: 26 })] } });
    expect(cart.body.lineItems[0].error.errorCode).toBe(10009);
    const offers = ['CFQ7TTC0LH18', 'CFQ7TTC0LDPB', 'CFQ7TTC0LH16', 'CFQ7TTC0LH1P', 'CFQ7TTC0RSKF'];
    for (const p of offers) expect((await buy(h, c, [line({ catalogItemId: `${p}:0001:${p}AV01` })])).status).toBe(201);
    const sixth = await buy(h, c, [line({ catalogItemId: 'CFQ7TTC0HD33:0001:CFQ7TTC0HD33AV01' })]);
    expect([sixth.status, sixth.body.code]).toEqual([400, 800018]);
  });
});

describe('subscriptions and the NCE 7-day window (docs/PARTNER-CENTER-REFERENCE.md §10)', () => {
  async function activeSubscription(h: Harness) {
    await h.control('PUT', '/settings', { orderFulfilmentDelaySeconds: 0 });
    const c = await customerWithMca(h);
    const out = await buy(h, c);
    await h.advance(0);
    const sub = (await h.call('GET', `/v1/customers/${c.id}/subscriptions?order_id=${out.body.orders[0].id}`, { token: c.app })).body.items[0];
    return { c, sub, path: `/v1/customers/${c.id}/subscriptions/${sub.id}` };
  }

  it('reduces seats and cancels inside 7 days; after 168 h answers 800090 and 900117', async () => {
    const h = new Harness();
    const { c, path } = await activeSubscription(h);
    const current = (await h.call('GET', path, { token: c.app })).body;
    const reduced = await h.call('PATCH', path, { token: c.app, body: { ...current, quantity: 3 } });
    expect(reduced.status).toBe(200);
    expect(reduced.body.quantity).toBe(3);
    await h.advance(168 * 3600);
    c.app = await h.token(LATAM);
    const fresh = (await h.call('GET', path, { token: c.app })).body;
    const tooLate = await h.call('PATCH', path, { token: c.app, body: { ...fresh, quantity: 2 } });
    expect([tooLate.status, tooLate.body.code]).toEqual([400, 800090]);
    const cancel = await h.call('PATCH', path, { token: c.app, body: { ...fresh, status: 'deleted' } });
    expect([cancel.status, cancel.body.code]).toEqual([400, 900117]);
    const more = await h.call('PATCH', path, { token: c.app, body: { ...fresh, quantity: 10 } });
    expect(more.body.quantity).toBe(10);
  });

  it('cancels inside the window; a deleted subscription answers 2011', async () => {
    const h = new Harness();
    const { c, path } = await activeSubscription(h);
    const sub = (await h.call('GET', path, { token: c.app })).body;
    const cancelled = await h.call('PATCH', path, { token: c.app, body: { ...sub, status: 'deleted' } });
    expect(cancelled.body.status).toBe('deleted');
    const after = await h.call('PATCH', path, { token: c.app, body: { quantity: 1 } });
    expect([after.status, after.body.code]).toEqual([400, 2011]);
  });

  it('checks ETags (2055), quantity range (2002), suspend/reactivate and auto-renew', async () => {
    const h = new Harness();
    const { c, path } = await activeSubscription(h);
    const sub = (await h.call('GET', path, { token: c.app })).body;
    const updated = await h.call('PATCH', path, { token: c.app, body: { ...sub, autoRenewEnabled: false } });
    expect(updated.body.autoRenewEnabled).toBe(false);
    const stale = await h.call('PATCH', path, { token: c.app, body: { ...sub, quantity: 6 } });
    expect([stale.status, stale.body.code]).toEqual([400, 2055]);
    const staleHeader = await h.call('PATCH', path, { token: c.app, body: { quantity: 6 }, headers: { 'If-Match': `"${sub.attributes.etag}"` } });
    expect(staleHeader.body.code).toBe(2055);
    const range = await h.call('PATCH', path, { token: c.app, body: { quantity: 301 } });
    expect([range.status, range.body.code]).toEqual([400, 2002]);
    expect((await h.call('PATCH', path, { token: c.app, body: { status: 'suspended' } })).body.status).toBe('suspended');
    expect((await h.call('PATCH', path, { token: c.app, body: { status: 'active' } })).body.status).toBe('active');
    expect((await h.call('GET', `/v1/customers/${c.id}/subscriptions/nope`, { token: c.app })).body.code).toBe(20003);
    expect((await h.call('GET', `${path}/provisioningstatus`, { token: c.user })).body.status).toBe('success');
  });

  it('renews at term end with a new 7-day window, or runs on in the Extended Service Term without auto-renew', async () => {
    const h = new Harness();
    const { c, path } = await activeSubscription(h);
    const sub = (await h.call('GET', path, { token: c.app })).body;
    const end = Date.parse(sub.commitmentEndDate);
    await h.advance((end - h.engine.now()) / 1000 + 60);
    c.app = await h.token(LATAM);
    const renewed = (await h.call('GET', path, { token: c.app })).body;
    expect(renewed.status).toBe('active');
    expect(Date.parse(renewed.effectiveStartDate)).toBe(end);
    // Inside the renewed term's first 7 days, seats can be reduced again.
    expect((await h.call('PATCH', path, { token: c.app, body: { ...renewed, quantity: 1 } })).status).toBe(200);
    const again = (await h.call('GET', path, { token: c.app })).body;
    await h.call('PATCH', path, { token: c.app, body: { ...again, autoRenewEnabled: false } });
    await h.advance((Date.parse(again.commitmentEndDate) - h.engine.now()) / 1000 + 1);
    c.app = await h.token(LATAM);
    const est = (await h.call('GET', path, { token: c.app })).body;
    expect([est.status, est.termDuration, est.billingCycle, est.autoRenewEnabled]).toEqual(['active', 'P1M', 'monthly', false]);
    expect(Date.parse(est.effectiveStartDate)).toBe(Date.parse(again.commitmentEndDate));
  });

  it('shows seeded subscriptions of related tenants only to the partner that sold them', async () => {
    const h = new Harness();
    const wingtip = await h.call('GET', `/v1/customers/${tenant('wingtip').tenantId}/subscriptions`, { token: await h.token(LATAM) });
    expect(wingtip.body.totalCount).toBe(1);
    expect(wingtip.body.items[0].partnerId).toBe('6100001');
    const litware = DEFAULT_LITWARE;
    const tailspin = await h.call('GET', `/v1/customers/${tenant('tailspin').tenantId}/subscriptions`, { token: await h.token(litware) });
    expect(tailspin.body.totalCount).toBe(2);
    expect(tailspin.body.items.every((s: { commitmentEndDate: string }) => Date.parse(s.commitmentEndDate) > h.engine.now())).toBe(true);
  });
});

import { DEFAULT_SCENARIO } from '../src/index';
const DEFAULT_LITWARE = DEFAULT_SCENARIO.partners.find((p) => p.key === 'direct-litware')!;
