import { createEmulatorApp, DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import { createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { createRepos, createSecretBox } from '@csphub/db';
import { createTestDatabase } from '@csphub/testing';
import type { ImportDeps } from '../../src/customer-import/customer-import.service';

export const M365 = 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01';
const LATAM = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const reseller = (key: string) => DEFAULT_SCENARIO.resellers.find((r) => r.key === key)!;
export const address = { addressLine1: '1 Main St', city: 'Bogota', postalCode: '110111', country: 'CO', firstName: 'Ana', lastName: 'Ruiz' };

/**
 * A seeded base of 300 customers of the LATAM distributor: 120 of Adatum, 90 of Proseware, 60
 * direct, and conflicts: 10 whose custom domain is on two CSP Hub companies, 10 whose subscriptions
 * name a Partner ID not in the network, 10 already known (same domain as one company). Every
 * tenant also has a subscription sold by another partner, which the import must not see.
 */
export async function seedBase() {
  // The default scenario without its own tenants: the base is exactly the 300 seeded here.
  const app = createEmulatorApp({ scenario: { ...DEFAULT_SCENARIO, tenants: [] } });
  const fetchIn = (url: string | URL | Request, init?: RequestInit) => Promise.resolve(app.request(String(url instanceof Request ? url.url : url), init));
  const control = createEmulatorControl('http://emulator.test/', { fetch: fetchIn });
  const adatum = reseller('adatum');
  const proseware = reseller('proseware');
  const customers = [];
  const sub = (partnerOfRecord?: string) => ({ catalogItemId: M365, quantity: 2, ...(partnerOfRecord ? { partnerOfRecord } : {}) });
  const other = { catalogItemId: M365, quantity: 7, partner: 'direct-northwind' };
  for (let i = 0; i < 300; i++) {
    const base = { companyName: `Imported ${i}`, domainPrefix: `imp${i}base`, email: `it@imp${i}.example`, address };
    if (i < 120) customers.push({ ...base, reseller: 'adatum', gdap: true, mcaAccepted: i % 2 === 0, subscriptions: [sub(adatum.partnerId), sub(adatum.partnerId), other] });
    else if (i < 210) customers.push({ ...base, reseller: 'proseware', subscriptions: [sub(proseware.partnerId), other] });
    else if (i < 270) customers.push({ ...base, subscriptions: [sub(), other] });
    else if (i < 280) customers.push({ ...base, customDomains: [`dup${i}.example`], subscriptions: [sub(), other] });
    else if (i < 290) customers.push({ ...base, subscriptions: [sub('9999999'), other] });
    else customers.push({ ...base, customDomains: [`known${i}.example`], reseller: 'adatum', subscriptions: [sub(adatum.partnerId), other] });
  }
  const seeded = await control.bulkAddCustomers({ partner: 'distributor-latam', customers });
  const client = createPartnerCenterClient({
    connection: { id: 'import-test', name: 'LATAM', type: 'indirect-provider', tenantId: LATAM.tenantId, appId: LATAM.app.appId, appSecret: LATAM.app.appSecret, refreshToken: LATAM.user.refreshToken, ...emulatorEndpoints('http://emulator.test/') },
    fetch: fetchIn as typeof fetch,
  });
  return { app, control, client, tenantIds: seeded.tenantIds, adatum, proseware };
}

/** The seeded base and a CSP Hub network it meets: the distributor, Adatum, Proseware, 10 known customers and 10 pairs sharing a domain. */
export async function createImportWorld() {
  const db = await createTestDatabase();
  const box = createSecretBox(Buffer.alloc(32, 7));
  const repos = createRepos(db.db, box);
  const deps: ImportDeps = { db: db.db, box, now: () => new Date() };
  const world = await seedBase();
  const now = new Date();
  const d = await repos.companies.create({ kind: 'distributor', parent: null, name: 'Distributor', now });
  const adatum = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Adatum', partnerId: world.adatum.partnerId, now });
  const proseware = await repos.companies.create({ kind: 'reseller', parent: d, name: 'Proseware', partnerLocationId: world.proseware.partnerId, now });
  const known = [];
  for (let i = 290; i < 300; i++) known.push((await repos.companies.create({ kind: 'customer', parent: adatum, name: `Known ${i}`, domain: `known${i}.example`, now })).id);
  const dupA = [];
  const dupB = [];
  for (let i = 270; i < 280; i++) {
    dupA.push((await repos.companies.create({ kind: 'customer', parent: adatum, name: `Dup A ${i}`, domain: `dup${i}.example`, now })).id);
    dupB.push((await repos.companies.create({ kind: 'customer', parent: proseware, name: `Dup B ${i}`, domain: `dup${i}.example`, now })).id);
  }
  const conn = await repos.connections.create(d.id, { name: 'LATAM', region: 'CO', type: 'indirect-provider', mode: 'emulated', tenantId: LATAM.tenantId, appId: LATAM.app.appId, appSecret: LATAM.app.appSecret, refreshToken: LATAM.user.refreshToken }, now);
  const ids = { d: d.id, adatum: adatum.id, proseware: proseware.id, known, dupA, dupB };
  return { db, repos, deps, world, ids, connectionId: conn.id };
}
