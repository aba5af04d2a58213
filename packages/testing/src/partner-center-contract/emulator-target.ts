import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLimiterRegistry,
  createPartnerCenterClient,
  emulatorEndpoints,
  systemClock,
} from '@csphub/partner-center';
import {
  DEFAULT_SCENARIO,
  startEmulator,
  type RunningEmulator,
  type TimeSource,
} from '@csphub/partner-center-emulator';
import type {
  ClientOverrides,
  ConnectionRole,
  ContractControl,
  ContractTarget,
  ObservedCall,
} from './contract-target';

export interface EmulatorContractTargetOptions {
  /** The emulator's base time source (e.g. an accelerated clock); default the wall clock. */
  clock?: TimeSource;
}

const partnerKeys: Record<ConnectionRole, string> = {
  indirect: 'distributor-latam',
  'indirect-app-only': 'distributor-latam',
  direct: 'direct-northwind',
};

/** Starts a local HTTP sink for webhook deliveries (answers 200 to everything). */
async function startWebhookSink(): Promise<{ url: string; server: Server; received: string[] }> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/partner-center/events`,
    server,
    received,
  };
}

/**
 * The embedded emulator (`startEmulator({ port: 0 })`, default scenario) as a contract target,
 * with its control plane (`/_emulator/*`) behind {@link ContractControl}. Connections come from the
 * scenario: the LATAM indirect provider (with and without its refresh token) and Northwind Direct.
 */
export async function emulatorContractTarget(
  options: EmulatorContractTargetOptions = {},
): Promise<ContractTarget & { emulator: RunningEmulator; control: ContractControl }> {
  const emulator = await startEmulator({ port: 0, clock: options.clock });
  const sink = await startWebhookSink();
  const limiters = createLimiterRegistry({ clock: systemClock });
  let counter = 0;
  const run = Date.now().toString(36);

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${emulator.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`Emulator control ${method} ${path} answered ${res.status}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };

  const partner = (role: ConnectionRole) => {
    const p = DEFAULT_SCENARIO.partners.find((x) => x.key === partnerKeys[role]);
    if (!p) throw new Error(`The default scenario has no partner ${partnerKeys[role]}`);
    return p;
  };

  const controlPlane: ContractControl = {
    async injectFault(fault) {
      await control('POST', '/faults', {
        route: fault.route,
        status: fault.status,
        retryAfterSeconds: fault.retryAfterSeconds,
        body: fault.body,
        count: fault.times ?? 1,
      });
    },
    async clearFaults() {
      await control('DELETE', '/faults');
    },
    async revokeRefreshToken(role) {
      await control('POST', '/refresh-tokens/revoke', { partner: partnerKeys[role] });
    },
    async setRefreshTokenMfa(role, mfa) {
      await control('POST', '/refresh-tokens/mfa', { partner: partnerKeys[role], mfa });
    },
    async signInForConsent(consentUrl, { mfa }) {
      const url = new URL(consentUrl);
      const page = await fetch(url);
      if (page.status !== 200) throw new Error(`The sign-in page answered ${page.status}: ${await page.text()}`);
      const form = new URLSearchParams(url.searchParams);
      form.set('mfa', String(mfa));
      const res = await fetch(`${url.origin}${url.pathname}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        redirect: 'manual',
      });
      const location = res.headers.get('Location');
      if (res.status !== 302 || !location) throw new Error(`The sign-in did not redirect back (${res.status}): ${await res.text()}`);
      return location;
    },
    async setResellerPartnerOfRecord(partnerId, authorization) {
      await control('PUT', `/resellers/${encodeURIComponent(partnerId)}/partner-of-record`, { authorization });
    },
    async advanceClock(ms) {
      await control('POST', '/clock/advance', { seconds: ms / 1000 });
    },
    async acceptRelationship(customerTenantId, indirectResellerTenantId) {
      await control('POST', '/relationships/accept', {
        partner: partnerKeys.indirect,
        customer: customerTenantId,
        indirectReseller: indirectResellerTenantId,
      });
    },
    async approveGdapRelationship(relationshipId) {
      await control('POST', `/gdap/${encodeURIComponent(relationshipId)}/approve`, {});
    },
    async signIn(customerTenantId, userPrincipalName, password) {
      return (await control('POST', `/customers/${encodeURIComponent(customerTenantId)}/sign-in`, { userPrincipalName, password })) as {
        signedIn: boolean;
        mustChangePassword: boolean | null;
      };
    },
    async calls() {
      const { calls } = (await control('GET', '/calls')) as { calls: ObservedCall[] };
      return calls;
    },
    async reset() {
      await control('POST', '/reset');
    },
  };

  return {
    name: 'emulator',
    emulator,
    control: controlPlane,
    fixtures: {
      address: {
        line1: '1 Microsoft Way',
        city: 'Redmond',
        state: 'WA',
        postalCode: '98052',
        country: 'US',
        firstName: 'Ana',
        lastName: 'Contract',
        phoneNumber: '+1 425 555 0100',
      },
      culture: 'en-US',
      language: 'en',
      reseller: { partnerId: '6100001', tenantId: 'b1a10001-2c3d-4e5f-8a6b-000000000001' }, // Adatum: LATAM network, MPA signed
      unknownPartnerId: '9999999',
      mpaNotSignedPartnerId: '6100002', // Proseware: LATAM network, no MPA
      resellerGlobalPartnerId: '4100001', // Adatum's global Partner ID (PGA)
      porIneligiblePartnerId: '6100007', // Trey Research: not authorized as partner of record
      spareResellerPartnerId: '6100003', // Lucerne: LATAM network, MPA signed, authorized
      catalog: { productId: 'CFQ7TTC0LH18', skuId: '0001', country: 'US' }, // Microsoft 365 Business Basic
      securityGroupId: '5e5e5e5e-1111-4222-8333-444455556666',
      unrelatedTenantId: 'c2b20001-3d4e-4f60-9b7c-000000000001', // Fabrikam: exists, no partner yet
      webhookUrl: sink.url,
    },
    client(role: ConnectionRole, overrides: ClientOverrides = {}) {
      const p = partner(role);
      return createPartnerCenterClient({
        limiters,
        ...overrides,
        connection: {
          id: `emulator-${role}`,
          name: `${p.name} (emulator, ${role})`,
          type: p.kind === 'direct_bill' ? 'direct-bill' : 'indirect-provider',
          tenantId: p.tenantId,
          appId: p.app.appId,
          appSecret: p.app.appSecret,
          refreshToken: role === 'indirect-app-only' ? undefined : p.user.refreshToken,
          ...emulatorEndpoints(emulator.url),
          ...overrides.connection,
        },
      });
    },
    uniquePrefix: (label) =>
      `${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}${run}${(counter++).toString(36)}`,
    async dispose() {
      await emulator.close();
      await new Promise<void>((resolve) => sink.server.close(() => resolve()));
    },
  };
}
