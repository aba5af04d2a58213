import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../src';
import { Harness, LATAM, EUROPE, tenant } from './support/emulator-harness';

const LITWARE = DEFAULT_SCENARIO.partners.find((p) => p.key === 'direct-litware')!;
const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';
const DAY_S = 86_400;

const requestFrom = (source: { tenantId: string; name: string }) => ({ sourcePartnerTenantId: source.tenantId, sourcePartnerName: source.name, customerEmailId: 'admin@customer.example', transferType: 5 });

/** New-commerce transfers between partners (Learn: "Create a transfer", "Update a transfer request", "TransferEntity resources"). */
describe('transfers (docs/PARTNER-CENTER-REFERENCE.md §10.2)', () => {
  it('an unaccepted transfer expires after 30 days and can no longer be cancelled', async () => {
    const h = new Harness();
    const wingtip = tenant('wingtip').tenantId;
    const seeded = await h.control('POST', `/customers/${wingtip}/partner-subscriptions`, { partner: LITWARE.key, subscriptions: [{ catalogItemId: BASIC, quantity: 2, termEndsAt: '2026-09-30' }] });
    expect(seeded.status, seeded.text).toBe(201);
    const token = await h.token(LATAM);
    const created = await h.call('POST', `/v1/customers/${wingtip}/transfers`, { token, body: requestFrom(LITWARE) });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ status: 'Active', transferType: 5, customerTenantId: wingtip, sourcePartnerTenantId: LITWARE.tenantId, targetPartnerTenantId: LATAM.tenantId, lineItems: [] });
    expect(Date.parse(created.body.expirationTime) - Date.parse(created.body.createdTime)).toBe(30 * DAY_S * 1000);

    await h.advance(31 * DAY_S);
    const read = await h.call('GET', `/v1/customers/${wingtip}/transfers/${created.body.id}`, { token: await h.token(LATAM) });
    expect(read.body.status).toBe('Expired');
    const cancel = await h.call('PATCH', `/v1/customers/${wingtip}/transfers/${created.body.id}`, { token: await h.token(LATAM), body: { status: 'Cancel' } });
    expect([cancel.status, cancel.body.code]).toEqual([400, 800121]);
  });

  it('the source partner accepts through the API: the subscription moves with its end date; each side may only do its own part', async () => {
    const h = new Harness();
    const tailspin = tenant('tailspin').tenantId;
    expect((await h.control('POST', '/relationships/accept', { partner: 'distributor-europe', customer: tailspin, indirectReseller: 'relecloud' })).status).toBeLessThan(300);
    const europe = await h.token(EUROPE);
    const litware = await h.token(LITWARE);

    // Refused requests: ourselves as the source, a missing required field.
    const self = await h.call('POST', `/v1/customers/${tailspin}/transfers`, { token: europe, body: requestFrom(EUROPE) });
    expect([self.status, self.body.code, self.body.data]).toEqual([400, 3000, ['sourcePartnerTenantId']]);
    const noEmail = await h.call('POST', `/v1/customers/${tailspin}/transfers`, { token: europe, body: { ...requestFrom(LITWARE), customerEmailId: undefined } });
    expect([noEmail.status, noEmail.body.code]).toEqual([400, 3000]);

    const eligibility = await h.call('GET', `/v1/customers/${tailspin}/transferseligibility?transferType=5`, { token: litware });
    expect(eligibility.status).toBe(200);
    const ids = (eligibility.body as { id: string; isEligible: boolean }[]).filter((e) => e.isEligible).map((e) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const sub = h.engine.state.subscriptions[ids[0]!]!;

    const created = await h.call('POST', `/v1/customers/${tailspin}/transfers`, { token: europe, body: requestFrom(LITWARE) });
    expect(created.status, created.text).toBe(201);
    const path = `/v1/customers/${tailspin}/transfers/${created.body.id}`;
    expect((await h.call('PATCH', path, { token: europe, body: { status: 'Complete', lineItems: [{ subscriptionId: sub.id }] } })).body.code).toBe(800122);
    expect((await h.call('PATCH', path, { token: litware, body: { status: 'Cancel' } })).body.code).toBe(800122);

    const accepted = await h.call('PATCH', path, { token: litware, body: { status: 'Complete', lineItems: [{ subscriptionId: sub.id }] } });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'Complete', lineItems: [{ subscriptionId: sub.id, quantity: sub.quantity, commitmentEndDate: new Date(sub.commitmentEndAt).toISOString() }] });
    expect(accepted.body.completedTime).toBeTruthy();

    const ours = await h.call('GET', `/v1/customers/${tailspin}/subscriptions/${sub.id}`, { token: europe });
    expect(ours.status).toBe(200);
    expect(Date.parse(ours.body.commitmentEndDate)).toBe(sub.commitmentEndAt);
    expect((await h.call('PATCH', path, { token: litware, body: { status: 'Complete', lineItems: [{ subscriptionId: ids[1]! }] } })).body.code).toBe(800121);

    // Moved: no longer the source's, so a new transfer cannot take it again.
    const again = await h.call('POST', `/v1/customers/${tailspin}/transfers`, { token: europe, body: requestFrom(LITWARE) });
    const second = `/v1/customers/${tailspin}/transfers/${again.body.id}`;
    expect((await h.call('PATCH', second, { token: litware, body: { status: 'Complete', lineItems: [{ subscriptionId: sub.id }] } })).body.code).toBe(800124);
    const after = await h.call('GET', `/v1/customers/${tailspin}/transferseligibility?transferType=5`, { token: litware });
    expect((after.body as { id: string }[]).map((e) => e.id)).not.toContain(sub.id);
  });
});
