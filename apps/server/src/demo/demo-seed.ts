import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import type { CompanyFields, CompanyRow, Repos } from '@csphub/db';
import { hashPassword, verifyPassword } from '../security/password';
import { seedDemoScale } from './demo-scale';

/** The demo users, printed on start-up; all share the install's demo password (demo-password.ts). */
export const DEMO_USERS = [
  { email: 'distributor@demo.test', role: 'distributor_admin', company: 'distributor' },
  { email: 'reseller@demo.test', role: 'reseller_admin', company: 'relecloud' },
  { email: 'customer@demo.test', role: 'customer_admin', company: 'humongous' },
] as const;

/**
 * The one password every install shared before demo passwords were per data folder: demo users
 * still holding it are moved to the install's password at the next start, so an old data folder
 * never keeps a password that anyone can read in the repository's history.
 */
const LEGACY_SHARED_PASSWORD = 'demo-password';

/** The four resellers of the demo: the emulator's network, by scenario key (Partner IDs come from there). */
const RESELLERS: { key: string; address: CompanyFields }[] = [
  { key: 'adatum', address: addr('Av. Insurgentes Sur 1602', 'Ciudad de México', 'CMX', '03940', 'MX', '+52 55 5555 1000', 'ventas@adatum.example') },
  { key: 'lucerne', address: addr('Carrera 7 # 71-21', 'Bogotá', null, '110231', 'CO', '+57 601 555 2000', 'canal@lucerne.example') },
  { key: 'relecloud', address: addr('Calle de Alcalá 120', 'Madrid', null, '28009', 'ES', '+34 910 555 300', 'partners@relecloud.example') },
  { key: 'fourthcoffee', address: addr('Friedrichstraße 68', 'Berlin', null, '10117', 'DE', '+49 30 5555 4000', 'vertrieb@fourthcoffee.example') },
];

function addr(line1: string, city: string, state: string | null, postalCode: string | null, country: string, phone: string | null, email: string | null): CompanyFields {
  return {
    addressLine1: line1,
    city,
    state,
    postalCode,
    country,
    billingLine1: line1,
    billingCity: city,
    billingState: state,
    billingPostalCode: postalCode,
    billingCountry: country,
    phone,
    email,
  };
}

/**
 * The dozen end customers: several countries, complete and incomplete prerequisites (a missing
 * postal code, phone or registration number, a free-mail address, a reseller-address fallback)
 * and one with an existing tenant (Wingtip Toys, already related through Adatum in the emulator).
 */
const CUSTOMERS: { key: string; parent: string; name: string; domain: string; language: string; fields: CompanyFields; contactPerson: string }[] = [
  { key: 'wingtip', parent: 'adatum', name: 'Wingtip Toys SA de CV', domain: 'wingtiptoys.mx', language: 'es', contactPerson: 'Mateo García', fields: addr('Calle Morelos 45', 'Guadalajara', 'JAL', '44100', 'MX', '+52 33 5555 0202', 'ti@wingtiptoys.mx') },
  { key: 'margies', parent: 'adatum', name: "Margie's Travel", domain: 'margiestravel.mx', language: 'es', contactPerson: 'Sofía Ramírez', fields: addr('Av. Juárez 88', 'Puebla', 'PUE', '72000', 'MX', '+52 222 555 0303', 'it@margiestravel.mx') },
  { key: 'bellows', parent: 'adatum', name: 'Bellows College', domain: 'bellowscollege.mx', language: 'es', contactPerson: 'Diego Torres', fields: addr('Blvd. Kukulcán 12', 'Cancún', 'ROO', '77500', 'MX', null, 'sistemas@bellowscollege.mx') },
  { key: 'datum', parent: 'adatum', name: 'A. Datum Brasil Ltda', domain: 'adatum.com.br', language: 'en', contactPerson: 'Ana Souza', fields: addr('Av. Paulista 1000', 'São Paulo', 'SP', '01310-100', 'BR', '+55 11 5555 0404', 'ti@adatum.com.br') },
  { key: 'bestforyou', parent: 'lucerne', name: 'Best For You Organics', domain: 'bestforyou.co', language: 'es', contactPerson: 'Camila Rojas', fields: addr('Calle 93 # 12-40', 'Bogotá', null, '110221', 'CO', '+57 601 555 0505', 'admin@bestforyou.co') },
  {
    key: 'consolidated',
    parent: 'lucerne',
    name: 'Consolidated Messenger',
    domain: 'consolidatedmessenger.co',
    language: 'es',
    contactPerson: 'Julián Pérez',
    fields: { phone: '+57 604 555 0606', email: 'it@consolidatedmessenger.co', city: 'Medellín', country: 'CO' },
  },
  { key: 'graphicdesign', parent: 'relecloud', name: 'Graphic Design Institute', domain: 'graphicdesigninstitute.es', language: 'es', contactPerson: 'Lucía Navarro', fields: addr('Calle Mayor 5', 'Madrid', null, null, 'ES', '+34 915 555 070', 'it@graphicdesigninstitute.es') },
  { key: 'humongous', parent: 'relecloud', name: 'Humongous Insurance', domain: 'humongousinsurance.es', language: 'es', contactPerson: 'Pablo Martín', fields: addr('Passeig de Gràcia 21', 'Barcelona', null, '08007', 'ES', '+34 935 555 080', 'sistemas@humongousinsurance.es') },
  { key: 'munson', parent: 'relecloud', name: "Munson's Pickles and Preserves", domain: 'munsonspickles.pt', language: 'en', contactPerson: 'João Silva', fields: addr('Rua Augusta 100', 'Lisboa', null, '1100-053', 'PT', '+351 21 555 0909', 'munsonspickles@gmail.com') },
  { key: 'lamna', parent: 'fourthcoffee', name: 'Lamna Healthcare GmbH', domain: 'lamnahealthcare.de', language: 'en', contactPerson: 'Jonas Becker', fields: addr('Königsallee 30', 'Düsseldorf', null, '40212', 'DE', '+49 211 555 1010', 'it@lamnahealthcare.de') },
  { key: 'nod', parent: 'fourthcoffee', name: 'Nod Publishers', domain: 'nodpublishers.de', language: 'en', contactPerson: 'Lena Wagner', fields: addr('Zeil 10', 'Frankfurt am Main', null, '60313', 'DE', null, 'office@nodpublishers.de') },
  { key: 'southridge', parent: 'distributor', name: 'Southridge Video', domain: 'southridgevideo.com', language: 'en', contactPerson: 'Emma Johnson', fields: addr('1 Microsoft Way', 'Redmond', 'WA', '98052', 'US', '+1 425 555 0111', 'it@southridgevideo.com') },
  { key: 'vanarsdel', parent: 'distributor', name: 'VanArsdel Ltd', domain: 'vanarsdel.co.uk', language: 'en', contactPerson: 'Harry Clarke', fields: addr('221 Baker Street', 'London', null, null, 'GB', '+44 20 7946 0123', 'it@vanarsdel.co.uk') },
];

/** What start-up prints about the seed. */
export interface SeedReport {
  seeded: boolean;
  /** `ownPassword`: the user changed the demo password, so the banner does not claim it works. */
  users: { email: string; role: string; company: string; ownPassword?: boolean }[];
  password?: string;
}

/**
 * Seeds the demo channel on an empty database (no company yet): a distributor with two Partner
 * Center connections to the embedded emulator (the scenario's LATAM and Europe indirect-provider
 * accounts and their credentials), four resellers with the scenario's Partner IDs, a dozen end
 * customers and the three demo users (and `scale` generated companies, see demo-scale.ts). Does
 * nothing when a company exists, so restarts keep data.
 */
export async function seedDemo(repos: Repos, opts: { now: Date; password: string; scale?: number }): Promise<SeedReport> {
  const users: SeedReport['users'] = DEMO_USERS.map((u) => ({ email: u.email, role: u.role, company: '' }));
  if ((await repos.companies.count()) > 0) {
    for (const u of users) {
      const user = await repos.users.findByEmail(u.email);
      const company = user && (await repos.companies.get(user.companyId));
      u.company = company?.name ?? '';
      if (!user || !company) continue;
      if (await verifyPassword(user.passwordHash, opts.password)) continue;
      if (opts.password !== LEGACY_SHARED_PASSWORD && (await verifyPassword(user.passwordHash, LEGACY_SHARED_PASSWORD))) {
        await repos.users.update(user.id, { passwordHash: await hashPassword(opts.password) });
        await repos.auditLog.append({ at: opts.now, companyId: company.id, actor: { type: 'system', id: null, label: 'demo seed' }, action: 'user.password_reset', targetType: 'user', targetId: user.id, summary: `Moved ${u.email} from the old shared demo password to this install's demo password` });
        continue;
      }
      u.ownPassword = true;
    }
    const present = users.filter((u) => u.company !== '');
    return { seeded: false, users: present, ...(present.some((u) => !u.ownPassword) ? { password: opts.password } : {}) };
  }
  const now = opts.now;
  const scenario = DEFAULT_SCENARIO;
  const byKey = new Map<string, CompanyRow>();
  const audit = async (company: CompanyRow, summary: string) =>
    repos.auditLog.append({ at: now, companyId: company.id, actor: { type: 'system', id: null, label: 'demo seed' }, action: 'company.created', targetType: 'company', targetId: company.id, summary });

  const distributor = await repos.companies.create({
    kind: 'distributor',
    parent: null,
    name: 'Contoso Distribution',
    domain: 'contosodistribution.example',
    now,
    language: 'en',
    contactPerson: 'Channel Operations',
    registrationNumber: 'B12345678',
    ...addr('Paseo de la Castellana 95', 'Madrid', null, '28046', 'ES', '+34 910 555 000', 'operations@contosodistribution.example'),
  });
  byKey.set('distributor', distributor);
  await audit(distributor, 'Created by the demo seed');

  for (const key of ['distributor-latam', 'distributor-europe'] as const) {
    const partner = scenario.partners.find((p) => p.key === key);
    if (!partner) throw new Error(`The emulator scenario has no partner "${key}"; the demo seed must follow the scenario.`);
    const conn = await repos.connections.create(
      distributor.id,
      {
        name: key === 'distributor-latam' ? 'Contoso LATAM (indirect)' : 'Contoso Europe (indirect)',
        region: partner.country,
        type: partner.kind === 'direct_bill' ? 'direct-bill' : 'indirect-provider',
        mode: 'emulated',
        tenantId: partner.tenantId,
        appId: partner.app.appId,
        appSecret: partner.app.appSecret,
        refreshToken: partner.user?.refreshToken ?? null,
      },
      now,
    );
    await repos.auditLog.append({ at: now, companyId: distributor.id, actor: { type: 'system', id: null, label: 'demo seed' }, action: 'connection.created', targetType: 'connection', targetId: conn.id, summary: `Added Partner Center connection "${conn.name}" (emulated)` });
  }

  for (const r of RESELLERS) {
    const reseller = scenario.resellers.find((x) => x.key === r.key);
    if (!reseller) throw new Error(`The emulator scenario has no reseller "${r.key}"; the demo seed must follow the scenario.`);
    // The scenario's reseller carries both Microsoft IDs: the global one (PGA) and the location one
    // (PLA) that orders name as partner of record (docs/PARTNER-CENTER-REFERENCE.md §7.1).
    const row = await repos.companies.create({ kind: 'reseller', parent: distributor, name: reseller.name, partnerId: reseller.globalPartnerId ?? reseller.partnerId, partnerLocationId: reseller.partnerId, language: 'en', now, ...r.address });
    byKey.set(r.key, row);
    await audit(row, 'Created by the demo seed');
  }

  for (const c of CUSTOMERS) {
    const parent = byKey.get(c.parent)!;
    const row = await repos.companies.create({ kind: 'customer', parent, name: c.name, domain: c.domain, language: c.language, contactPerson: c.contactPerson, now, ...c.fields });
    byKey.set(c.key, row);
    await audit(row, 'Created by the demo seed');
  }

  if (opts.scale) {
    await seedDemoScale(repos, distributor, opts.scale, now);
    await audit(distributor, `Generated ${opts.scale} more companies for the demo (CSPHUB_DEMO_SCALE)`);
  }

  // Wingtip Toys already has a tenant related to the LATAM account through Adatum (emulator scenario).
  const latam = (await repos.connections.list(distributor.id)).find((x) => x.name.startsWith('Contoso LATAM'))!;
  const wingtipTenant = scenario.tenants.find((x) => x.key === 'wingtip');
  if (wingtipTenant) {
    await repos.syncOptions.upsert(
      byKey.get('wingtip')!.id,
      latam.id,
      {
        adminUsername: wingtipTenant.globalAdmin?.userName ?? 'admin',
        domainPrefix: wingtipTenant.domainPrefix,
        resellerPartnerId: scenario.resellers.find((x) => x.key === 'adatum')!.partnerId,
        syncStatus: 'synced',
        tenantId: wingtipTenant.tenantId,
        defaultDomain: `${wingtipTenant.domainPrefix}.onmicrosoft.com`,
        lastAttemptAt: now,
      },
      now,
    );
  }
  await repos.syncOptions.upsert(byKey.get('margies')!.id, latam.id, { adminUsername: 'admin', domainPrefix: 'margiestravel' }, now);
  // A failed attempt, so that the status and its reason can be seen (and fixed) in the demo.
  await repos.syncOptions.upsert(
    byKey.get('bellows')!.id,
    latam.id,
    {
      adminUsername: 'admin',
      domainPrefix: 'bellowscollege',
      syncStatus: 'failed',
      failureReason: 'The account has no phone number, which Microsoft requires for a new customer. Add it on the Overview tab and try again.',
      lastAttemptAt: now,
    },
    now,
  );

  const passwordHash = await hashPassword(opts.password);
  for (const u of DEMO_USERS) {
    const company = byKey.get(u.company)!;
    const user = await repos.users.create({ companyId: company.id, email: u.email, name: u.email.split('@')[0]!.replace(/^\w/, (m) => m.toUpperCase()) + ' (demo)', passwordHash, role: u.role, now });
    await repos.auditLog.append({ at: now, companyId: company.id, actor: { type: 'system', id: null, label: 'demo seed' }, action: 'user.created', targetType: 'user', targetId: user.id, summary: `Added ${u.email} as ${u.role.replace(/_/g, ' ')}` });
    users.find((x) => x.email === u.email)!.company = company.name;
  }
  return { seeded: true, users, password: opts.password };
}

/** The demo users still active in this database (a database seeded in demo mode keeps them after demo mode is turned off). */
export async function activeDemoUsers(repos: Repos): Promise<string[]> {
  const active: string[] = [];
  for (const u of DEMO_USERS) if ((await repos.users.findByEmail(u.email))?.status === 'active') active.push(u.email);
  return active;
}
