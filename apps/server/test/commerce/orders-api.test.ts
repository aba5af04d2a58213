import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventsRepo, createOrdersRepo, createWorkflowRunsRepo, type CompanyRow, type ConnectionSummary } from '@csphub/db';
import { type PartnerCenterClient } from '@csphub/partner-center';
import { type RunningEmulator } from '@csphub/partner-center-emulator';
import { type TestDatabase } from '@csphub/testing';
import { type createApp } from '../../src/create-app';
import { call, signInAs } from '../channel-world';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { wingtip, wingtipWorld, type WingtipWorld } from './wingtip-world';

const DAY = 86_400_000;
const BASIC = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';

/**
 * The orders and subscriptions API in-process against the emulator: what is checked before anything
 * reaches Microsoft (seat bounds, MCA, durable runs), the catalog tree with hidden products, and the
 * 168-hour rule applied by our own clock (the action disabled, not sent).
 */
describe('orders and subscriptions API', () => {
  let world: WingtipWorld;
  let emulator: RunningEmulator;
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let customer: CompanyRow;
  let conn: ConnectionSummary;
  let client: PartnerCenterClient;
  let offsetMs = 0;
  const control = () => createEmulatorControl(emulator.url);

  beforeAll(async () => {
    world = await wingtipWorld({ appOptions: (_client, em) => ({ clock: { now: () => new Date(Date.now() + offsetMs) }, emulator: { url: em.url, ping: async () => true } }) });
    ({ emulator, db, app, customer, conn, client } = world);
  });
  afterAll(() => world?.dispose());

  const as = async (email: string) => signInAs({ app } as Parameters<typeof signInAs>[0], email);

  it('browses category > product group > product > SKU, and hides what the distributor hides from resellers', async () => {
    const reseller = await as('ops@adatum.test');
    const res = await call({ app } as never, reseller, 'GET', `/api/v1/companies/${customer.id}/catalog?q=microsoft%20365`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { country: string; categories: { name: string; groups: { name: string; products: { id: string; skus: { catalogItemId: string; minimumQuantity: number }[] }[] }[] }[] };
    expect(body.country).toBe('MX');
    const m365 = body.categories.find((c) => c.name === 'Online services')!.groups.find((g) => g.name === 'Microsoft 365')!;
    expect(m365.products.map((p) => p.id)).toContain('CFQ7TTC0LH18');

    const admin = await as('admin@dist.test');
    expect((await call({ app } as never, admin, 'PUT', '/api/v1/catalog/hidden-products/CFQ7TTC0LH18', { hidden: true })).status).toBe(200);
    const hiddenForReseller = (await (await call({ app } as never, reseller, 'GET', `/api/v1/companies/${customer.id}/catalog?q=basic`)).json()) as { categories: { groups: { products: { id: string }[] }[] }[] };
    expect(hiddenForReseller.categories.flatMap((c) => c.groups.flatMap((g) => g.products.map((p) => p.id)))).not.toContain('CFQ7TTC0LH18');
    const shownToDistributor = (await (await call({ app } as never, admin, 'GET', `/api/v1/companies/${customer.id}/catalog?q=basic`)).json()) as { categories: { groups: { products: { id: string; hidden: boolean }[] }[] }[] };
    expect(shownToDistributor.categories.flatMap((c) => c.groups.flatMap((g) => g.products)).find((p) => p.id === 'CFQ7TTC0LH18')?.hidden).toBe(true);
    // A reseller cannot order a hidden product either.
    const order = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, { connectionId: conn.id, partnerOfRecordAttested: true, lines: [{ catalogItemId: BASIC, quantity: 5, termDuration: 'P1Y', billingCycle: 'monthly' }] });
    expect(((await order.json()) as { code: string }).code).toBe('ORDER_INVALID');
    await call({ app } as never, admin, 'PUT', '/api/v1/catalog/hidden-products/CFQ7TTC0LH18', { hidden: false });
  });

  it('refuses a quantity outside the SKU bounds and asks for the partner-of-record confirmation, before Microsoft', async () => {
    const reseller = await as('ops@adatum.test');
    const tooMany = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, { connectionId: conn.id, partnerOfRecordAttested: true, lines: [{ catalogItemId: BASIC, quantity: 301, termDuration: 'P1Y', billingCycle: 'monthly' }] });
    expect(tooMany.status).toBe(422);
    expect(((await tooMany.json()) as { code: string }).code).toBe('QUANTITY_OUT_OF_RANGE');
    const unattested = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, { connectionId: conn.id, lines: [{ catalogItemId: BASIC, quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }] });
    expect(((await unattested.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
  });

  it('stops at a missing MCA with a fixable message and records no order', async () => {
    const reseller = await as('ops@adatum.test');
    const res = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, { connectionId: conn.id, partnerOfRecordAttested: true, lines: [{ catalogItemId: BASIC, quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }] });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; detail: string };
    expect(body.code).toBe('MCA_MISSING');
    expect(body.detail).toMatch(/Request acceptance.*Nothing was ordered/);
    expect(await createOrdersRepo(db.db).listForCompany(customer.id)).toEqual([]);
  });

  it('a new MCA version: the company reads "needs re-acceptance", orders are refused with how to fix it, and held once acceptance is requested', async () => {
    // Accepted on the version of the day, then Microsoft publishes a new one.
    const first = await client.createMcaAttestation({ country: 'MX', language: 'es', companyName: 'Wingtip Toys', firstName: 'Ana', lastName: 'López', email: 'ana@wingtip.example' });
    await control().decideAttestation(first.attestationId, 'accept');
    await client.createMcaAgreementFromAttestation(wingtip.tenantId, first.attestationId);
    const published = await control().publishMcaVersion();
    const reseller = await as('ops@adatum.test');
    const status = (await (await call({ app } as never, reseller, 'GET', `/api/v1/companies/${customer.id}/mca`)).json()) as { items: { connectionId: string; state: string; currentTemplateId: string; request: unknown }[] };
    expect(status.items).toEqual([expect.objectContaining({ connectionId: conn.id, state: 'outdated', currentTemplateId: published.templateId, request: null })]);

    const order = { connectionId: conn.id, partnerOfRecordAttested: true, lines: [{ catalogItemId: BASIC, quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }] };
    const refused = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, order);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { code: string; detail: string };
    expect(body.code).toBe('MCA_REACCEPTANCE_REQUIRED');
    expect(body.detail).toMatch(/new version.*Request acceptance/);

    // An acceptance request waits for the signatory: the order is taken to be held (here it stops
    // at the missing durable runs, past the MCA check), no longer refused for the MCA.
    await createWorkflowRunsRepo(db.db).saveRun({ id: `mca-acceptance:${customer.id}:${conn.id}:1`, kind: 'mca-acceptance', subjectId: String(customer.id), connectionId: conn.id, state: 'running', at: new Date(), facts: { mcaStatus: 'waiting' } });
    const held = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, order);
    expect(((await held.json()) as { code: string }).code).toBe('WORKFLOWS_UNAVAILABLE');
    await createWorkflowRunsRepo(db.db).saveRun({ id: `mca-acceptance:${customer.id}:${conn.id}:1`, kind: 'mca-acceptance', subjectId: String(customer.id), connectionId: conn.id, state: 'needs_attention', at: new Date() });
  });

  it('answers that ordering is unavailable when no durable runs run, rather than pretending', async () => {
    expect(await control().setDirectSignedMca(wingtip.tenantId, { isSigned: true })).toMatchObject({ isSigned: true });
    const reseller = await as('ops@adatum.test');
    const res = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/orders`, { connectionId: conn.id, partnerOfRecordAttested: true, lines: [{ catalogItemId: BASIC, quantity: 3, termDuration: 'P1Y', billingCycle: 'monthly' }] });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { code: string }).code).toBe('WORKFLOWS_UNAVAILABLE');
  });

  it('shows the window with its time left, and disables reducing once 168 hours have passed', async () => {
    const reseller = await as('ops@adatum.test');
    type Subs = { tenants: { subscriptions: { id: string; quantity: number; window: { isOpen: boolean; hoursLeft: number }; actions: Record<'reduce_seats' | 'add_seats', { allowed: boolean; reason: string | null }> }[]; error: string | null }[] };
    const before = (await (await call({ app } as never, reseller, 'GET', `/api/v1/companies/${customer.id}/subscriptions`)).json()) as Subs;
    expect(before.tenants[0]?.error ?? null, JSON.stringify(before)).toBeNull();
    const sub = before.tenants[0]!.subscriptions[0]!;
    expect(sub.window.isOpen).toBe(true);
    expect(sub.window.hoursLeft).toBeGreaterThan(90); // the seeded subscription started 3 days ago
    expect(sub.actions.reduce_seats.allowed).toBe(true);

    offsetMs = 8 * DAY;
    try {
      // Eight days on, the old session has expired: sign in again.
      const reseller = await as('ops@adatum.test');
      const later = (await (await call({ app } as never, reseller, 'GET', `/api/v1/companies/${customer.id}/subscriptions`)).json()) as Subs;
      const same = later.tenants[0]!.subscriptions.find((s) => s.id === sub.id)!;
      expect(same.window.isOpen).toBe(false);
      expect(same.actions.reduce_seats).toEqual({ allowed: false, reason: 'window_closed' });
      expect(same.actions.add_seats.allowed).toBe(true);
      const refused = await call({ app } as never, reseller, 'PATCH', `/api/v1/companies/${customer.id}/subscriptions/${sub.id}`, { connectionId: conn.id, quantity: sub.quantity - 1 });
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { code: string }).code).toBe('SUBSCRIPTION_ACTION_NOT_ALLOWED');
      const added = await call({ app } as never, reseller, 'PATCH', `/api/v1/companies/${customer.id}/subscriptions/${sub.id}`, { connectionId: conn.id, quantity: sub.quantity + 2 });
      expect(added.status).toBe(200);
      expect(((await added.json()) as { quantity: number }).quantity).toBe(sub.quantity + 2);
      // The change's event, written with its audit entry; the refused one published nothing.
      const changed = (await createEventsRepo(db.db).list({ companyId: customer.id, type: 'subscription.changed' })).filter((e) => e.data.subscriptionId === sub.id);
      expect(changed).toHaveLength(1);
      expect(changed[0]!.data).toMatchObject({ change: 'quantity', before: { quantity: sub.quantity }, after: { quantity: sub.quantity + 2 } });
    } finally {
      offsetMs = 0;
    }
  });

  it('assigns and removes a licence for several users at once, each user with its own result', async () => {
    expect(await control().updateSettings({ gdapActivationDelaySeconds: 0 })).toMatchObject({ gdapActivationDelaySeconds: 0 });
    const rel = await client.createGdapRelationship({
      displayName: `licenses ${Date.now()}`,
      customerTenantId: wingtip.tenantId,
      roleIds: ['4d6ac14f-3453-41d0-bef9-a3e0c569773a', '88d8e3e3-8f55-4a1e-953a-9b9898b8876b', '9360feb5-f418-4baa-8175-e2a00bac4301'],
      durationDays: 30,
    });
    await client.requestGdapApproval(rel.id).catch(() => undefined);
    await control().approveGdap(rel.id);
    await control().advanceClock({ seconds: 1 });
    await client.createCustomerUser(wingtip.tenantId, { userPrincipalName: `ana${Date.now()}@wingtiptoysmx.onmicrosoft.com`, displayName: 'Ana', usageLocation: 'MX', password: 'Temp-Passw0rd!x' });

    const reseller = await as('ops@adatum.test');
    type Lic = { users: { id: string; userPrincipalName: string }[]; skus: { skuId: string; name: string; consumedUnits: number }[]; error: string | null };
    const read = async () => (await (await call({ app } as never, reseller, 'GET', `/api/v1/companies/${customer.id}/licenses`)).json()) as Lic;
    const before = await read();
    expect(before.error).toBeNull();
    expect(before.users.length).toBeGreaterThanOrEqual(2);
    const sku = before.skus.find((x) => x.name === 'Microsoft 365 Business Basic')!;
    const users = before.users.slice(0, 2).map((u) => u.id);

    const assigned = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/licenses/changes`, { connectionId: conn.id, userIds: users, assign: [sku.skuId] });
    expect(assigned.status).toBe(200);
    expect(((await assigned.json()) as { results: { ok: boolean }[] }).results.map((r) => r.ok)).toEqual([true, true]);
    expect((await read()).skus.find((x) => x.skuId === sku.skuId)!.consumedUnits).toBe(sku.consumedUnits + 2);

    const removed = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/licenses/changes`, { connectionId: conn.id, userIds: [users[0]], remove: [sku.skuId] });
    expect(((await removed.json()) as { results: { ok: boolean }[] }).results[0]!.ok).toBe(true);
    const again = await call({ app } as never, reseller, 'POST', `/api/v1/companies/${customer.id}/licenses/changes`, { connectionId: conn.id, userIds: [users[0]], remove: [sku.skuId] });
    const result = ((await again.json()) as { results: { ok: boolean; error: string | null }[] }).results[0]!;
    expect(result.ok).toBe(false);
    expect(result.error).toBeTruthy();
    expect((await read()).skus.find((x) => x.skuId === sku.skuId)!.consumedUnits).toBe(sku.consumedUnits + 1);
  });
});
