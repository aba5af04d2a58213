import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createCatalogRepo, createEventsRepo, schema, type CompanyRow, type ConnectionSummary } from '@csphub/db';
import { DEFAULT_SCENARIO, type RunningEmulator } from '@csphub/partner-center-emulator';
import { createEmulatorControl, type EmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { type TestDatabase } from '@csphub/testing';
import { type createApp } from '../../src/create-app';
import { hashPassword } from '../../src/security/password';
import { call, signInAs } from '../channel-world';
import { wingtip, wingtipWorld, WORLD_PASSWORD, type WingtipWorld } from './wingtip-world';

type TransferView = { id: string; transferId: string; state: string; subscriptions: { subscriptionId: string; name: string; quantity: number | null; termEndsAt: string | null }[] };
type TransfersView = { tenantId: string | null; licensesError: string | null; candidates: { name: string; purchased: number; path: string; reason: string }[]; transfers: TransferView[] };

const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';
const POWER_BI = 'CFQ7TTC0L3PB:0001:CFQ7TTC0L3PBAV01';

/**
 * Transfers from another partner through the API against the emulator: which licences held
 * elsewhere go by Microsoft's transfer and which keep buy-and-cancel, the request, its refusals,
 * the other partner's acceptance, and the import of the subscriptions with their end dates (once).
 */
describe('transfers from another partner', () => {
  let world: WingtipWorld;
  let emulator: RunningEmulator;
  let control: EmulatorControl;
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let customer: CompanyRow;
  let conn: ConnectionSummary;
  const litware = DEFAULT_SCENARIO.partners.find((p) => p.key === 'direct-litware')!;

  beforeAll(async () => {
    world = await wingtipWorld({ resellerOfRecord: true });
    ({ emulator, db, app, customer, conn } = world);
    control = createEmulatorControl(emulator.url);
    const now = new Date();
    const item = { productId: 'CFQ7TTC0LH18', skuId: '0001', availabilityId: 'CFQ7TTC0LH18AV01', category: 'Productivity', productGroup: 'Microsoft 365', productTitle: 'Microsoft 365 Business Basic', productDescription: '', skuTitle: 'Microsoft 365 Business Basic', skuDescription: '' };
    await createCatalogRepo(db.db).replaceCatalog(
      conn.id,
      'MX',
      [{ catalogItemId: BASIC, ...item, minimumQuantity: 1, maximumQuantity: 300, isTrial: false, isAddOn: false, isPurchasable: true, segment: 'commercial', currency: 'MXN', listPrice: null, terms: [{ duration: 'P1Y', billingCycle: 'monthly', description: 'One year' }] }],
      now,
      { partnerCenterCalls: 0, durationMs: 0 },
    );
  });
  afterAll(() => world?.dispose());

  const t = () => ({ app }) as Parameters<typeof call>[0];
  const as = () => signInAs({ app } as Parameters<typeof signInAs>[0], 'ops@adatum.test', 'correct-horse-battery');
  const view = async (session: Awaited<ReturnType<typeof as>>) => {
    const res = await call(t(), session, 'GET', `/api/v1/companies/${customer.id}/subscription-transfers`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as TransfersView;
  };
  const ask = (session: Awaited<ReturnType<typeof as>>, body: Record<string, unknown> = {}) =>
    call(t(), session, 'POST', `/api/v1/companies/${customer.id}/subscription-transfers`, { connectionId: conn.id, sourcePartnerTenantId: litware.tenantId, sourcePartnerName: litware.name, customerEmail: 'ti@wingtiptoys.mx', ...body });
  const movedEvents = async () => (await createEventsRepo(db.db).list({ companyId: customer.id, type: 'subscription.changed' })).filter((e) => e.data.change === 'moved');

  it('completes: the subscriptions come with their end dates, once, audited, with an event each', async () => {
    const session = await as();
    const held = await control.addPartnerSubscriptions(wingtip.tenantId, {
      partner: litware.key,
      subscriptions: [
        { catalogItemId: BASIC, quantity: 4, termEndsAt: '2027-03-15' },
        { catalogItemId: POWER_BI, quantity: 2, termDuration: 'P1M', termEndsAt: '2027-01-02' },
      ],
    });

    // The licence this connection sells in new commerce goes by transfer; the other keeps buy-and-cancel.
    const before = await view(session);
    expect(before.licensesError).toBeNull();
    expect(before.candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Microsoft 365 Business Basic', purchased: 4, path: 'transfer', reason: 'new_commerce_licence' }),
        expect.objectContaining({ name: 'Power BI Pro', purchased: 2, path: 'buy_and_cancel', reason: 'not_new_commerce' }),
      ]),
    );
    const moves = (await (await call(t(), session, 'GET', `/api/v1/companies/${customer.id}/subscription-moves`)).json()) as { items: { name: string; path: string }[] };
    expect(moves.items.find((i) => i.name === 'Microsoft 365 Business Basic')?.path).toBe('transfer');

    const badEmail = await ask(session, { customerEmail: 'not an address' });
    expect(badEmail.status).toBe(400);
    expect(await badEmail.text()).toMatch(/customerEmail/);

    const res = await ask(session);
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as TransferView;
    expect(created.state).toBe('active');
    const again = await ask(session);
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect(await again.text()).toMatch(/sourcePartnerTenantId[\s\S]*already_requested|already_requested[\s\S]*sourcePartnerTenantId/);

    // Still waiting: nothing imported.
    expect((await view(session)).transfers[0]).toMatchObject({ state: 'active', subscriptions: [] });

    await control.acceptTransfer(wingtip.tenantId, created.transferId);
    const after = await view(session);
    const done = after.transfers.find((x) => x.id === created.id)!;
    expect(done.state).toBe('complete');
    expect(done.subscriptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ subscriptionId: held.items[0]!.id, quantity: 4, termEndsAt: held.items[0]!.commitmentEndDate }),
        expect.objectContaining({ subscriptionId: held.items[1]!.id, quantity: 2, termEndsAt: held.items[1]!.commitmentEndDate }),
      ]),
    );
    expect(held.items[0]!.commitmentEndDate.slice(0, 10)).toBe('2027-03-15');
    expect(after.candidates).toEqual([]);

    // Ours now, with the other partner's end date, in Partner Center and in the subscription store.
    const subs = (await (await call(t(), session, 'GET', `/api/v1/companies/${customer.id}/subscriptions`)).json()) as { tenants: { subscriptions: { id: string; termEndsAt: string }[] }[] };
    expect(subs.tenants[0]!.subscriptions.find((s) => s.id === held.items[0]!.id)?.termEndsAt.slice(0, 10)).toBe('2027-03-15');
    const stored = await db.db.select().from(schema.partnerCenterSubscriptions).where(eq(schema.partnerCenterSubscriptions.companyId, customer.id));
    expect(stored.map((s) => [s.subscriptionId, s.termEndsAt?.toISOString().slice(0, 10)])).toEqual(expect.arrayContaining([[held.items[0]!.id, '2027-03-15'], [held.items[1]!.id, '2027-01-02']]));

    expect(await movedEvents()).toHaveLength(2);
    const audit = await db.db.select().from(schema.auditLog).where(eq(schema.auditLog.companyId, customer.id));
    expect(audit.filter((a) => a.action === 'subscription_transfer.requested')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'subscription_transfer.completed')).toHaveLength(1);

    // Reading again imports nothing twice.
    await view(session);
    expect(await movedEvents()).toHaveLength(2);
    expect((await db.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'subscription_transfer.completed'))).length).toBe(1);
  });

  it('a request to a partner with nothing left to transfer is refused on the source field; an active one can be withdrawn once', async () => {
    const session = await as();
    const nothing = await ask(session);
    expect(nothing.status).toBeGreaterThanOrEqual(400);
    expect(nothing.status).toBeLessThan(500);
    expect(await nothing.text()).toMatch(/not_eligible/);

    await control.addPartnerSubscriptions(wingtip.tenantId, { partner: litware.key, subscriptions: [{ catalogItemId: BASIC, quantity: 1 }] });
    const created = (await (await ask(session)).json()) as TransferView;
    const cancel = await call(t(), session, 'POST', `/api/v1/companies/${customer.id}/subscription-transfers/${created.id}/cancel`);
    expect(cancel.status, await cancel.clone().text()).toBe(200);
    expect(((await cancel.json()) as TransferView).state).toBe('cancelled');
    const twice = await call(t(), session, 'POST', `/api/v1/companies/${customer.id}/subscription-transfers/${created.id}/cancel`);
    expect(twice.status).toBeGreaterThanOrEqual(400);
    expect(twice.status).toBeLessThan(500);
    expect(await twice.text()).toMatch(/transferId/);
  });

  it("a sibling reseller neither sees nor withdraws another reseller's transfer, by its customer or by its own", async () => {
    await control.addPartnerSubscriptions(wingtip.tenantId, { partner: litware.key, subscriptions: [{ catalogItemId: BASIC, quantity: 2 }] });
    const created = (await (await ask(await as())).json()) as TransferView;
    expect(created.state).toBe('active');

    const now = new Date();
    const fabrikam = await world.repos.companies.create({ kind: 'reseller', parent: world.distributor, name: 'Fabrikam Resellers', partnerId: '6100002', now });
    const own = await world.repos.companies.create({ kind: 'customer', parent: fabrikam, name: 'Fabrikam Customer', billingCountry: 'MX', now });
    await world.repos.users.create({ companyId: fabrikam.id, email: 'ops@fabrikam.test', name: 'Sibling operator', passwordHash: await hashPassword(WORLD_PASSWORD), role: 'reseller_admin', now });
    const sibling = await signInAs({ app } as Parameters<typeof signInAs>[0], 'ops@fabrikam.test', WORLD_PASSWORD);
    const updates = async () => (await control.calls({ operation: 'transfers.update' })).calls.length;
    const updatesBefore = await updates();

    const peek = await call(t(), sibling, 'GET', `/api/v1/companies/${customer.id}/subscription-transfers`);
    expect([403, 404]).toContain(peek.status);
    expect(await peek.text()).not.toContain(created.transferId);
    const byTheirs = await call(t(), sibling, 'POST', `/api/v1/companies/${customer.id}/subscription-transfers/${created.id}/cancel`);
    expect([403, 404]).toContain(byTheirs.status);
    const byOwn = await call(t(), sibling, 'POST', `/api/v1/companies/${own.id}/subscription-transfers/${created.id}/cancel`);
    expect(byOwn.status).toBe(404);

    const still = (await view(await as())).transfers.find((x) => x.id === created.id);
    expect(still?.state).toBe('active');
    expect(await updates(), 'no cancellation reached Partner Center').toBe(updatesBefore);
  });
});
