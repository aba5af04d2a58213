import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createEventsRepo, schema, type CompanyRow, type ConnectionSummary } from '@csphub/db';
import { type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { type TestDatabase } from '@csphub/testing';
import { type createApp } from '../../src/create-app';
import { call, signInAs } from '../channel-world';
import { wingtipWorld, type WingtipWorld } from './wingtip-world';

type Sub = {
  id: string;
  quantity: number;
  termDuration: string;
  billingCycle: string;
  autoRenew: boolean;
  status: string;
  termEndsAt: string;
  catalogItemId: string;
  endOfTerm: { outcome: string; at: string; next: { quantity: number; termDuration: string; billingCycle: string } | null; changed: boolean };
  extendedServiceTerm: { from: string; monthly: Record<string, { currency: string; amount: string } | string> | null } | null;
};
type Prices = { lines: { productId: string; skuId: string; termDuration: string; billingPlan: string; resellerCost?: { currency: string; amount: string }; customerPrice?: { currency: string; amount: string } }[] };
type Subs = { tenants: { subscriptions: Sub[]; error: string | null }[] };

/**
 * The end of term through the API against the emulator: what each subscription's term end brings,
 * a renewal with changed seats scheduled in Partner Center and carried out when the emulator's clock
 * passes the end, and a subscription with auto-renew off that runs on in the paid Extended Service
 * Term rather than lapsing for free.
 */
describe('end of term', () => {
  let world: WingtipWorld;
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let customer: CompanyRow;
  let conn: ConnectionSummary;

  beforeAll(async () => {
    world = await wingtipWorld({ resellerOfRecord: true });
    ({ emulator, db, app, customer, conn } = world);
  });
  afterAll(() => world?.dispose());

  const t = () => ({ app }) as Parameters<typeof call>[0];
  const as = () => signInAs({ app } as Parameters<typeof signInAs>[0], 'ops@adatum.test', 'correct-horse-battery');
  /** The tab; `refresh` reads Partner Center now (a change made there, outside CSP Hub, such as a term end passing). */
  const read = async (session: Awaited<ReturnType<typeof as>>, refresh = false) => {
    const body = (await (await call(t(), session, 'GET', `/api/v1/companies/${customer.id}/subscriptions${refresh ? '?refresh=true' : ''}`)).json()) as Subs;
    expect(body.tenants[0]!.error).toBeNull();
    return body.tenants[0]!.subscriptions;
  };

  it('schedules the seats of the renewal in Partner Center, shows them with the date, and renews with them at term end', async () => {
    const session = await as();
    const sub = (await read(session))[0]!;
    expect(sub.endOfTerm).toEqual({ outcome: 'renew', at: sub.termEndsAt, next: expect.objectContaining({ quantity: sub.quantity, termDuration: 'P1Y' }), changed: false });
    expect(sub.extendedServiceTerm).toBeNull();
    // The read recorded the term end and its outcome for the cockpit's list of subscriptions ending soon.
    const recorded = await db.db.select().from(schema.subscriptionTerms).where(eq(schema.subscriptionTerms.subscriptionId, sub.id));
    expect(recorded).toMatchObject([{ companyId: customer.id, outcome: 'renew', termEndsAt: new Date(sub.termEndsAt), quantity: sub.quantity }]);

    const res = await call(t(), session, 'PUT', `/api/v1/companies/${customer.id}/subscriptions/${sub.id}/renewal`, { connectionId: conn.id, outcome: 'renew', next: { quantity: sub.quantity + 5 } });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = (await res.json()) as Sub;
    expect(after.quantity).toBe(sub.quantity);
    expect(after.endOfTerm).toMatchObject({ outcome: 'renew', changed: true, next: { quantity: sub.quantity + 5, termDuration: 'P1Y', billingCycle: 'monthly' } });
    const events = (await createEventsRepo(db.db).list({ companyId: customer.id, type: 'subscription.changed' })).filter((e) => e.data.change === 'renewal');
    expect(events).toHaveLength(1);

    // Out of the SKU's bounds: refused naming the field, nothing sent.
    const tooMany = await call(t(), session, 'PUT', `/api/v1/companies/${customer.id}/subscriptions/${sub.id}/renewal`, { connectionId: conn.id, outcome: 'renew', next: { quantity: 100_000 } });
    expect(tooMany.status).toBe(422);
    expect(await tooMany.text()).toMatch(/next\.quantity/);

    await createEmulatorControl(emulator.url).advanceClock({ seconds: Math.ceil((Date.parse(sub.termEndsAt) - Date.now()) / 1000) + 3600 });
    const renewed = (await read(await as(), true)).find((s) => s.id === sub.id)!;
    expect([renewed.status, renewed.quantity]).toEqual(['active', sub.quantity + 5]);
    expect(Date.parse(renewed.termEndsAt)).toBeGreaterThan(Date.parse(sub.termEndsAt));
    expect(renewed.endOfTerm.changed).toBe(false);
  });

  it('auto-renew off: the paid Extended Service Term by default, or cancelled at term end when chosen', async () => {
    const session = await as();
    const sub = (await read(session))[0]!;
    const path = `/api/v1/companies/${customer.id}/subscriptions/${sub.id}/renewal`;
    expect((await call(t(), session, 'PATCH', `/api/v1/companies/${customer.id}/subscriptions/${sub.id}`, { connectionId: conn.id, autoRenew: false })).status).toBe(200);
    const off = (await read(session)).find((s) => s.id === sub.id)!;
    expect(off.endOfTerm).toMatchObject({ outcome: 'extended_service_term', at: off.termEndsAt, next: null });
    // Its price: the monthly term's price at the reader's levels plus 3 %, for its licences, a month.
    const [productId, skuId] = off.catalogItemId.split(':');
    const prices = (await (await call(t(), session, 'GET', `/api/v1/companies/${customer.id}/prices?productId=${productId}&skuId=${skuId}`)).json()) as Prices;
    const p1m = prices.lines.find((l) => l.termDuration === 'P1M' && l.billingPlan === 'monthly')!;
    const est = (m: { currency: string; amount: string }) => {
      const minor = BigInt(m.amount.replace('.', ''));
      const digits = m.amount.split('.')[1]?.length ?? 0;
      const total = ((minor * 103n * 2n + 100n) / 200n) * BigInt(off.quantity);
      const text = total.toString().padStart(digits + 1, '0');
      return { currency: m.currency, amount: digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text };
    };
    expect(off.extendedServiceTerm).toEqual({ from: off.termEndsAt, monthly: { currency: p1m.resellerCost!.currency, billingPlan: 'monthly', resellerCost: est(p1m.resellerCost!), customerPrice: est(p1m.customerPrice!) } });
    const nextWithCancel = await call(t(), session, 'PUT', path, { connectionId: conn.id, outcome: 'cancel', next: { quantity: 3 } });
    expect(nextWithCancel.status).toBe(400);

    const cancel = await call(t(), session, 'PUT', path, { connectionId: conn.id, outcome: 'cancel' });
    expect(cancel.status, await cancel.clone().text()).toBe(200);
    expect(((await cancel.json()) as Sub).endOfTerm.outcome).toBe('cancel');
    const backToEst = await call(t(), session, 'PUT', path, { connectionId: conn.id, outcome: 'extended_service_term' });
    expect(((await backToEst.json()) as Sub).endOfTerm.outcome).toBe('extended_service_term');
    expect(((await (await call(t(), session, 'PUT', path, { connectionId: conn.id, outcome: 'cancel' })).json()) as Sub).endOfTerm.outcome).toBe('cancel');

    await createEmulatorControl(emulator.url).advanceClock({ seconds: Math.ceil((Date.parse(off.termEndsAt) - Date.now()) / 1000) + 3600 });
    const ended = (await read(await as(), true)).find((s) => s.id === sub.id)!;
    expect(ended.status).toBe('deleted');
    expect(ended.endOfTerm.outcome).toBe('none');
  });
});
