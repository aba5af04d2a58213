import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompanyRow } from '@csphub/db';
import { type PartnerCenterClient } from '@csphub/partner-center';
import { type createApp } from '../../src/create-app';
import { hashPassword } from '../../src/security/password';
import { call, signInAs } from '../channel-world';
import { WORLD_PASSWORD, wingtip, wingtipWorld, type WingtipWorld } from '../commerce/wingtip-world';

type Summary = { subscriptions: { unusedLicences: number | null } };
type List = { total: number; rows: { companyName: string; bought: number; assigned: number; unused: number; companyId: number }[] };

/**
 * "Seats bought vs assigned": the subscriptions read stores each tenant's licences (Microsoft's
 * subscribed SKUs), the cockpit's figure is the unused seats of the caller's subtree and its list
 * gives them per customer; a licence assigned at Microsoft shows only after the next read (the
 * cockpit never calls Partner Center), and a sibling reseller sees none of them.
 */
describe('cockpit: unused licences', () => {
  let world: WingtipWorld;
  let app: ReturnType<typeof createApp>;
  let customer: CompanyRow;
  let client: PartnerCenterClient;
  let calls = 0;
  const t = () => ({ app }) as Parameters<typeof call>[0];
  const as = (email: string) => signInAs({ app } as Parameters<typeof signInAs>[0], email, 'correct-horse-battery');

  beforeAll(async () => {
    world = await wingtipWorld({ resellerOfRecord: true, appOptions: (c) => ({ partnerCenterFor: async () => (calls++, c) }) });
    ({ app, customer, client } = world);
    const now = new Date();
    const lucerne = await world.repos.companies.create({ kind: 'reseller', parent: world.distributor, name: 'Lucerne', partnerId: '6100002', now });
    await world.repos.users.create({ companyId: lucerne.id, email: 'admin@lucerne.test', name: 'Lucerne admin', passwordHash: await hashPassword(WORLD_PASSWORD), role: 'reseller_admin', now });
  });
  afterAll(() => world?.dispose());

  const summary = async (session: { headers: Record<string, string> }) => ((await (await call(t(), session, 'GET', '/api/v1/cockpit/summary')).json()) as Summary).subscriptions.unusedLicences;
  const list = async (session: { headers: Record<string, string> }, filter = 'unused') => {
    const res = await call(t(), session, 'GET', `/api/v1/cockpit/lists/licences?filter=${filter}`);
    expect(res.status).toBe(200);
    return (await res.json()) as List;
  };

  it('is not available before any read, then shows each customer’s seats bought, assigned and unused from the last read', async () => {
    const ops = await as('ops@adatum.test');
    expect(await summary(ops)).toBeNull();
    expect((await call(t(), ops, 'GET', `/api/v1/companies/${customer.id}/subscriptions`)).status).toBe(200);
    const skus = await client.listSubscribedSkus(wingtip.tenantId);
    const sum = (f: (s: (typeof skus)[number]) => number) => skus.reduce((n, s) => n + f(s), 0);
    expect(sum((s) => s.availableUnits)).toBeGreaterThan(0);

    const before = calls;
    expect(await summary(ops)).toBe(sum((s) => s.availableUnits));
    const rows = await list(ops);
    expect(rows.total).toBe(1);
    expect(rows.rows[0]).toMatchObject({ companyId: customer.id, companyName: 'Wingtip Toys', bought: sum((s) => s.totalUnits), assigned: sum((s) => s.consumedUnits), unused: sum((s) => s.availableUnits) });
    // The cockpit answered from the database.
    expect(calls).toBe(before);

    // A sibling reseller: known, and none of its customers has any.
    const lucerne = await as('admin@lucerne.test');
    expect(await summary(lucerne)).toBe(0);
    expect((await list(lucerne, 'all')).total).toBe(0);
    expect(await summary(await as('admin@dist.test'))).toBe(sum((s) => s.availableUnits));
  });

  it('follows a licence assigned at Microsoft on the next read from Partner Center, not before', async () => {
    const ops = await as('ops@adatum.test');
    const was = (await list(ops)).rows[0]!;
    const skus = await client.listSubscribedSkus(wingtip.tenantId);
    const sku = skus.find((s) => s.availableUnits > 0)!;
    const user = await client.createCustomerUser(wingtip.tenantId, { userPrincipalName: `seat.user@${wingtip.domainPrefix}.onmicrosoft.com`, displayName: 'Seat User', firstName: 'Seat', lastName: 'User', usageLocation: 'MX', password: 'Seat-Passw0rd!-2026' });
    await client.updateUserLicenses(wingtip.tenantId, user.id, { assign: [{ skuId: sku.skuId }] });
    expect((await list(ops)).rows[0]).toMatchObject({ assigned: was.assigned, unused: was.unused });

    // The tab serves its stored read until it ages out or a person asks Partner Center again.
    expect((await call(t(), ops, 'GET', `/api/v1/companies/${customer.id}/subscriptions`)).status).toBe(200);
    expect((await list(ops)).rows[0]).toMatchObject({ assigned: was.assigned, unused: was.unused });
    expect((await call(t(), ops, 'GET', `/api/v1/companies/${customer.id}/subscriptions?refresh=true`)).status).toBe(200);
    expect((await list(ops, 'all')).rows[0]).toMatchObject({ bought: was.bought, assigned: was.assigned + 1, unused: was.unused - 1 });
    expect(await summary(ops)).toBe(was.unused - 1);
  });
});
