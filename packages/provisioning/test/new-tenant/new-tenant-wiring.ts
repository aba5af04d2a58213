/**
 * Test composition root for the new-tenant run: wires the real adapters the way the server will
 * (db repositories, the Partner Center client against the emulator, the outbox notifier), so the
 * tests exercise production code end to end. Kept here because provisioning's own sources may not
 * import the database (eslint), while a test root may.
 */
/* eslint-disable no-restricted-imports -- test composition root */
import {
  createCompaniesRepo,
  createConnectionsRepo,
  createOutboxRepo,
  createPendingCredentialsRepo,
  createProvisioningAccountsRepo,
  createSecretBox,
  createWorkflowRunsRepo,
  type Database,
} from '@csphub/db';
/* eslint-enable no-restricted-imports */
import { createLimiterRegistry, createPartnerCenterClient, emulatorEndpoints, systemClock as pcClock } from '@csphub/partner-center';
import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { createNotifier, createOutboxTransport } from '@csphub/notifications';
import { createProvisionTenantWorkflow, type NewTenantInput, type NewTenantPorts } from '../../src/index';

/** The emulator's LATAM indirect provider (default scenario) and its reseller Adatum (MPA signed). */
export const LATAM = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
export const ADATUM_PARTNER_ID = '6100001';
export const SECRET_KEY = Buffer.alloc(32, 9).toString('base64');

/** Ports over the real adapters. `pcOrigin` is the emulator (or a proxy in front of it). */
export function wireNewTenantPorts(
  db: Database,
  pcOrigin: string,
  opts: { fastRetries?: boolean; limits?: Parameters<typeof createPartnerCenterClient>[0]['limits'] } = {},
): NewTenantPorts & { box: ReturnType<typeof createSecretBox> } {
  const box = createSecretBox(SECRET_KEY);
  const client = createPartnerCenterClient({
    limiters: createLimiterRegistry({ clock: pcClock }),
    ...(opts.limits ? { limits: opts.limits } : {}),
    // The workflow step retries durably; keep the client's own in-memory retries short in tests.
    retry: opts.fastRetries ? { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 50 } : {},
    connection: {
      id: 'latam',
      name: LATAM.name,
      type: 'indirect-provider',
      tenantId: LATAM.tenantId,
      appId: LATAM.app.appId,
      appSecret: LATAM.app.appSecret,
      refreshToken: LATAM.user.refreshToken,
      ...emulatorEndpoints(pcOrigin),
    },
  });
  const notifier = createNotifier({ transport: createOutboxTransport(createOutboxRepo(db, box)), from: 'CSP Hub <no-reply@csphub.local>' });
  return {
    box,
    partnerCenter: async () => client,
    accounts: createProvisioningAccountsRepo(db, { policy: () => ({ requireCorporateEmail: false, requireSubCustomerBillingAddress: false }) }),
    vault: createPendingCredentialsRepo(db, box),
    notifier: { send: (m) => notifier.send(m) },
  };
}

export function newTenantWorkflow(ports: NewTenantPorts) {
  return createProvisionTenantWorkflow(ports);
}

export const timelineOf = (db: Database) => createWorkflowRunsRepo(db);

/** Seeds the distributor, its reseller Adatum, the LATAM connection and `count` customers ready to provision. */
export async function seedAccounts(db: Database, count: number, label: string, opts: { badStreet?: boolean } = {}) {
  const now = new Date();
  const companies = createCompaniesRepo(db);
  const distributor = (await companies.root()) ?? (await companies.create({ kind: 'distributor', parent: null, name: 'Contoso Distribution LATAM', now }));
  const connections = createConnectionsRepo(db, createSecretBox(SECRET_KEY));
  const connection = await connections.create(
    distributor.id,
    { name: `LATAM ${label}`, region: 'MX', type: 'indirect-provider', mode: 'emulated', tenantId: LATAM.tenantId, appId: LATAM.app.appId, appSecret: LATAM.app.appSecret, refreshToken: LATAM.user.refreshToken },
    now,
  );
  const reseller = await companies.create({ kind: 'reseller', parent: distributor, name: `Adatum ${label}`, partnerId: ADATUM_PARTNER_ID, now });
  const customers = [];
  for (let i = 0; i < count; i++) {
    customers.push(
      await companies.create({
        kind: 'customer',
        parent: reseller,
        name: `Customer ${label} ${i}`,
        email: `it${i}@customer-${label.toLowerCase()}.example`,
        phone: '+1 425 555 0100',
        contactPerson: 'Ana López',
        language: i % 2 === 0 ? 'en' : 'es',
        billingLine1: opts.badStreet ? 'Microsoft Way' : `${i + 1} Microsoft Way`,
        billingCity: 'Redmond',
        billingState: 'WA',
        billingPostalCode: '98052',
        billingCountry: 'US',
        now,
      }),
    );
  }
  return { connectionId: connection.id, resellerId: reseller.id, customers };
}

/** The wizard's input for one seeded customer. */
export function wizardInput(companyId: number, connectionId: string, domainPrefix: string, overrides: Partial<NewTenantInput> = {}): NewTenantInput {
  return {
    companyId,
    connectionId,
    domainPrefix,
    defaultGdap: true,
    resellerPartnerId: ADATUM_PARTNER_ID,
    mca: { firstName: 'Ana', lastName: 'López', email: 'ana@customer.example', phone: '+1 425 555 0100', acceptedAt: '2026-11-01T00:00:00.000Z' },
    credentialsRecipient: { name: 'Ana', email: `ana-${companyId}@customer.example`, language: 'es' },
    notify: { name: 'Operator', email: 'operator@contoso-distribution.example', language: 'en' },
    accountUrl: `http://localhost:3000/companies/${companyId}`,
    ...overrides,
  };
}
