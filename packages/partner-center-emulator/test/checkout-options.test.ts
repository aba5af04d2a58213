import { describe, expect, it } from 'vitest';
import { Harness, LATAM, customerBody, freshPrefix } from './support/emulator-harness';

const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';
const PREMIUM = 'CFQ7TTC0LCHC:0002:CFQ7TTC0LCHCAV02';
const MCA = '117a77b0-9360-443b-8795-c6dedc750cf9';

async function customerWithMca(h: Harness): Promise<{ id: string; app: string }> {
  const app = await h.token(LATAM);
  const user = await h.token(LATAM, 'user');
  const created = await h.call('POST', '/v1/customers', { token: app, body: customerBody(freshPrefix('coterm')) });
  const id = created.body.id as string;
  await h.call('POST', `/v1/customers/${id}/agreements`, {
    token: user,
    body: { primaryContact: { firstName: 'A', lastName: 'B', email: 'a@b.com' }, templateId: MCA, dateAgreed: '2026-03-01', type: 'MicrosoftCustomerAgreement' },
  });
  return { id, app };
}

const line = (overrides: Record<string, unknown> = {}) => ({ id: 0, catalogItemId: BASIC, quantity: 5, billingCycle: 'monthly', termDuration: 'P1Y', ...overrides });

async function buy(h: Harness, c: { id: string; app: string }, l = line()) {
  const cart = await h.call('POST', `/v1/customers/${c.id}/carts`, { token: c.app, body: { partnerOnRecordAttestationAccepted: true, lineItems: [l] } });
  expect(cart.status).toBe(201);
  return cart;
}

describe('custom term end dates (docs/PARTNER-CENTER-REFERENCE.md §9.4)', () => {
  it('offers the end of the calendar month and the end of existing subscriptions inside the term, and a cart line with one of them ends the new term there', async () => {
    const h = new Harness();
    const c = await customerWithMca(h);
    const first = await buy(h, c);
    expect((await h.call('POST', `/v1/customers/${c.id}/carts/${first.body.id}/checkout`, { token: c.app })).status).toBe(201);
    await h.advance(31);
    const existing = (await h.call('GET', `/v1/customers/${c.id}/subscriptions`, { token: c.app })).body.items[0];
    // Ten days later a new annual purchase would end ten days after the existing one.
    await h.advance(10 * 86_400);
    c.app = await h.token(LATAM);

    const dates = await h.call('GET', `/v1/customers/${c.id}/subscriptions/customTermEndDates?term_duration=P1Y`, { token: c.app });
    expect(dates.status).toBe(200);
    const aligned = dates.body.items.find((i: { allowedCustomTermEndDateType: string }) => i.allowedCustomTermEndDateType === 'subscriptionAligned');
    expect(aligned).toEqual({ allowedCustomTermEndDateType: 'subscriptionAligned', allowedCustomTermEndDate: existing.commitmentEndDate, cotermSubscriptionIds: [existing.id] });
    const calendar = dates.body.items.find((i: { allowedCustomTermEndDateType: string }) => i.allowedCustomTermEndDateType === 'calendarMonthAligned');
    expect(new Date(calendar.allowedCustomTermEndDate).getUTCDate()).toBe(new Date(Date.UTC(new Date(calendar.allowedCustomTermEndDate).getUTCFullYear(), new Date(calendar.allowedCustomTermEndDate).getUTCMonth() + 1, 0)).getUTCDate());
    // A monthly term is too short to reach the existing subscription's end.
    const monthly = await h.call('GET', `/v1/customers/${c.id}/subscriptions/customTermEndDates?term_duration=P1M`, { token: c.app });
    expect(monthly.body.items.map((i: { allowedCustomTermEndDateType: string }) => i.allowedCustomTermEndDateType)).not.toContain('subscriptionAligned');

    const cart = await buy(h, c, line({ catalogItemId: PREMIUM, customTermEndDate: existing.commitmentEndDate }));
    expect(cart.body.lineItems[0]).toMatchObject({ customTermEndDate: existing.commitmentEndDate });
    expect(cart.body.lineItems[0].error).toBeUndefined();
    expect((await h.call('POST', `/v1/customers/${c.id}/carts/${cart.body.id}/checkout`, { token: c.app })).status).toBe(201);
    await h.advance(31);
    const subs = (await h.call('GET', `/v1/customers/${c.id}/subscriptions`, { token: c.app })).body.items as { offerId: string; commitmentEndDate: string }[];
    expect(subs.find((s) => s.offerId.startsWith('CFQ7TTC0LCHC'))!.commitmentEndDate).toBe(existing.commitmentEndDate);
  });

  it('refuses a missing term, a past start and an end date it does not offer', async () => {
    const h = new Harness();
    const c = await customerWithMca(h);
    const missing = await h.call('GET', `/v1/customers/${c.id}/subscriptions/customTermEndDates`, { token: c.app });
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/term_duration/);
    const past = await h.call('GET', `/v1/customers/${c.id}/subscriptions/customTermEndDates?term_duration=P1Y&term_start_date=2020-01-01`, { token: c.app });
    expect(past.status).toBe(400);
    const cart = await buy(h, c, line({ customTermEndDate: '2099-01-17T00:00:00Z' }));
    expect(cart.body.lineItems[0].error).toMatchObject({ errorCode: 10010 });
  });
});

describe('promotion eligibility (docs/PARTNER-CENTER-REFERENCE.md §9.4)', () => {
  it('answers per promotion whether the line qualifies, and why not', async () => {
    const h = new Harness();
    const c = await customerWithMca(h);
    const check = (item: Record<string, unknown>) => h.call('POST', `/v1/customers/${c.id}/promotionEligibilities`, { token: c.app, body: { items: [{ id: 0, quantity: 10, termDuration: 'P1Y', billingCycle: 'Annual', ...item }] } });
    const ok = await check({ catalogItemId: PREMIUM });
    expect(ok.status).toBe(200);
    expect(ok.body.items[0].eligibilities).toEqual([{ promotionId: '39NFJQT1Q5KL:0002', isEligible: true, errors: [] }]);
    const monthlyTerm = await check({ catalogItemId: PREMIUM, termDuration: 'P1M', billingCycle: 'Monthly' });
    expect(monthlyTerm.body.items[0].eligibilities[0]).toMatchObject({ isEligible: false, errors: [{ type: 'TermDuration' }] });
    const few = await check({ catalogItemId: BASIC, quantity: 2 });
    expect(few.body.items[0].eligibilities[0]).toMatchObject({ promotionId: '39NFJQT1Q5KM:0001', isEligible: false, errors: [{ type: 'QuantityRange', minimumQuantity: 5 }] });
    const unknown = await check({ catalogItemId: BASIC, promotionId: 'NOPE:0001' });
    expect(unknown.body.items[0].eligibilities[0]).toMatchObject({ isEligible: false, errors: [{ type: 'PromotionNotFound' }] });
    expect((await check({ catalogItemId: 'NOPE:0001:X' })).status).toBe(400);
  });
});
