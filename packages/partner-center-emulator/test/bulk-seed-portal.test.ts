import { describe, expect, it } from 'vitest';
import { createEmulatorControl } from '../src/control/control-client';
import { Harness, LATAM, NORTHWIND, reseller, tenant } from './support/emulator-harness';

const M365 = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';
const address = { addressLine1: '1 Main St', city: 'Bogota', postalCode: '110111', country: 'CO', firstName: 'Ana', lastName: 'Ruiz' };

function harness() {
  const h = new Harness();
  const control = createEmulatorControl('http://emulator.test/', { fetch: (url, init) => Promise.resolve(h.app.request(url, init)) });
  return { h, control };
}

describe('control plane: a large existing base, and changes made as a person in the portal', () => {
  it('seeds customers with billing profile, reseller, subscriptions, GDAP and MCA, each change in the activity log with the portal user', async () => {
    const { h, control } = harness();
    const adatum = reseller('adatum');
    const seeded = await control.bulkAddCustomers({
      partner: 'distributor-latam',
      customers: [
        { companyName: 'Bulk One', domainPrefix: 'bulkone1', email: 'b@bulkone.example', address, reseller: 'adatum', gdap: true, mcaAccepted: true, subscriptions: [{ catalogItemId: M365, quantity: 3, partnerOfRecord: adatum.partnerId }, { catalogItemId: M365, quantity: 2, partner: 'direct-northwind' }] },
        { companyName: 'Bulk Two', domainPrefix: 'bulktwo2', email: 'b@bulktwo.example', address, subscriptions: [] },
      ],
    });
    expect(seeded).toMatchObject({ created: 2, subscriptions: 2 });
    const token = await h.token(LATAM, 'user');
    const [one, two] = seeded.tenantIds;
    const customer = await h.call('GET', `/v1/customers/${one}`, { token });
    expect(customer.body.companyProfile.companyName).toBe('Bulk One');
    expect(customer.body.associatedPartnerId).toBe(adatum.tenantId.toLowerCase());
    expect((await h.call('GET', `/v1/customers/${one}/profiles/billing`, { token })).body.defaultAddress.city).toBe('Bogota');
    const subs = await h.call('GET', `/v1/customers/${one}/subscriptions`, { token });
    // The other partner's subscription is not the distributor's to see.
    expect(subs.body.items.map((s: { quantity: number; partnerId?: string }) => [s.quantity, s.partnerId])).toEqual([[3, adatum.partnerId]]);
    const northwind = await h.token(NORTHWIND);
    expect((await h.call('GET', `/v1/customers/${one}/subscriptions`, { token: northwind })).status).not.toBe(200);
    expect((await h.call('GET', `/v1/customers/${two}/agreements`, { token })).body.items).toEqual([]);
    expect((await h.call('GET', `/v1/customers/${one}/agreements`, { token })).body.items).toHaveLength(1);

    const day = new Date(h.engine.now()).toISOString().slice(0, 10);
    const filter = encodeURIComponent(JSON.stringify({ Field: 'CustomerId', Value: one, Operator: 'substring' }));
    const audit = await h.call('GET', `/v1/auditrecords?startDate=${day}&filter=${filter}`, { token });
    expect(audit.status).toBe(200);
    const types = audit.body.items.map((a: { operationType: string }) => a.operationType);
    expect(types).toEqual(expect.arrayContaining(['add_customer', 'create_customer_agreement', 'create_order']));
    expect(audit.body.items.every((a: { customerId: string; userPrincipalName: string }) => a.customerId === one && a.userPrincipalName === LATAM.user.userPrincipalName)).toBe(true);
    const badFilter = await h.call('GET', `/v1/auditrecords?startDate=${day}&filter=${encodeURIComponent('{"Field":"Nope","Value":"x"}')}`, { token });
    expect(badFilter.status).toBe(400);
  });

  it('refuses a taken domain or an unknown reseller, naming the customer', async () => {
    const { control } = harness();
    await expect(control.bulkAddCustomers({ partner: 'distributor-latam', customers: [{ companyName: 'X', domainPrefix: tenant('wingtip').domainPrefix, email: 'x@x.example', address }] })).rejects.toMatchObject({ status: 400 });
    await expect(control.bulkAddCustomers({ partner: 'distributor-latam', customers: [{ companyName: 'X', domainPrefix: 'freshbulk9', email: 'x@x.example', address, reseller: 'nobody' }] })).rejects.toThrow(/customers\.0\.reseller/);
  });

  it('records a subscription changed and a relationship removed in the portal, with the person who did it', async () => {
    const { h, control } = harness();
    const { tenantIds } = await control.bulkAddCustomers({ partner: 'distributor-latam', customers: [{ companyName: 'Portal Co', domainPrefix: 'portalco1', email: 'p@portal.example', address, subscriptions: [{ catalogItemId: M365, quantity: 5 }] }] });
    const token = await h.token(LATAM, 'user');
    const sub = (await h.call('GET', `/v1/customers/${tenantIds[0]}/subscriptions`, { token })).body.items[0];
    expect((await control.changeSubscriptionInPortal(tenantIds[0]!, sub.id, { quantity: 9 })).quantity).toBe(9);
    await control.removeCustomerRelationship(tenantIds[0]!, 'distributor-latam');
    const day = new Date(h.engine.now()).toISOString().slice(0, 10);
    const records = (await h.call('GET', `/v1/auditrecords?startDate=${day}`, { token })).body.items as { operationType: string; customerId: string; userPrincipalName: string; resourceNewValue: string }[];
    const mine = records.filter((r) => r.customerId === tenantIds[0]);
    expect(mine.map((r) => r.operationType)).toEqual(['add_customer', 'create_order', 'update_subscription', 'remove_partner_customer_relationship']);
    expect(JSON.parse(mine[2]!.resourceNewValue)).toMatchObject({ id: sub.id, quantity: 9 });
    expect(mine.every((r) => r.userPrincipalName === LATAM.user.userPrincipalName)).toBe(true);
    expect((await h.call('GET', `/v1/customers/${tenantIds[0]}`, { token })).status).not.toBe(200);
  });

  it('seeds 5,000 customers with 5 subscriptions each in one request, and reads them through indexes', async () => {
    const { h, control } = harness();
    const customers = Array.from({ length: 5_000 }, (_, i) => ({
      companyName: `Scale ${i}`,
      domainPrefix: `scale${i}x`,
      email: `s${i}@scale.example`,
      address,
      ...(i % 3 === 0 ? {} : { reseller: 'adatum' }),
      subscriptions: Array.from({ length: 5 }, () => ({ catalogItemId: M365, quantity: 1 })),
    }));
    // One request (bench/customer-import.bench.ts seeds 20,000 and reports the time).
    const seeded = await control.bulkAddCustomers({ partner: 'distributor-latam', customers });
    expect(seeded).toMatchObject({ created: 5_000, subscriptions: 25_000 });
    const token = await h.token(LATAM);
    const started2 = performance.now();
    for (const id of seeded.tenantIds.slice(-50)) expect((await h.call('GET', `/v1/customers/${id}/subscriptions`, { token })).body.items).toHaveLength(5);
    // Indexed: 50 reads among 25,000 subscriptions take far less than a scan each would.
    expect(performance.now() - started2).toBeLessThan(2_000);
  }, 60_000);
});
