import { createServer, type Server } from 'node:http';
import type { Clock } from '@csphub/domain';
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
} from '@csphub/partner-center-emulator';
import { createEmulatorControl, type EmulatorControl } from '@csphub/partner-center-emulator/control-client';
import {
  US_CONTRACT_FIXTURES,
  type ClientOverrides,
  type ConnectionRole,
  type ContractControl,
  type ContractTarget,
} from './contract-target';

export interface EmulatorContractTargetOptions {
  /** The emulator's base clock (e.g. an accelerated clock shared with the client); default the wall clock. */
  clock?: Clock;
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
 * with its control plane (`/_emulator/*`) behind {@link ContractControl} (and the whole typed client
 * as `emulatorControl`). Connections come from the
 * scenario: the LATAM indirect provider (with and without its refresh token) and Northwind Direct.
 */
export async function emulatorContractTarget(
  options: EmulatorContractTargetOptions = {},
): Promise<ContractTarget & { emulator: RunningEmulator; control: ContractControl; emulatorControl: EmulatorControl }> {
  const clock = options.clock;
  const emulator = await startEmulator({ port: 0, clock: clock && { now: () => clock.now().getTime() } });
  const sink = await startWebhookSink();
  const limiters = createLimiterRegistry({ clock: systemClock });
  let counter = 0;
  const run = Date.now().toString(36);

  const control = createEmulatorControl(emulator.url);

  const partner = (role: ConnectionRole) => {
    const p = DEFAULT_SCENARIO.partners.find((x) => x.key === partnerKeys[role]);
    if (!p) throw new Error(`The default scenario has no partner ${partnerKeys[role]}`);
    return p;
  };

  const controlPlane: ContractControl = {
    async injectFault(fault) {
      await control.injectFault({
        route: fault.route,
        status: fault.status,
        retryAfterSeconds: fault.retryAfterSeconds,
        body: fault.body,
        count: fault.times ?? 1,
      });
    },
    async clearFaults() {
      await control.clearFaults();
    },
    async revokeRefreshToken(role) {
      await control.revokeRefreshToken({ partner: partnerKeys[role] });
    },
    async setRefreshTokenMfa(role, mfa) {
      await control.setRefreshTokenMfa({ partner: partnerKeys[role], mfa });
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
      await control.setResellerPartnerOfRecord(partnerId, { authorization });
    },
    async advanceClock(ms) {
      await control.advanceClock({ seconds: ms / 1000 });
    },
    async acceptRelationship(customerTenantId, indirectResellerTenantId) {
      await control.acceptRelationship({
        partner: partnerKeys.indirect,
        customer: customerTenantId,
        indirectReseller: indirectResellerTenantId,
      });
    },
    async decideMcaAttestation(attestationId, decision) {
      await control.decideAttestation(attestationId, decision);
    },
    async publishMcaVersion() {
      return { templateId: (await control.publishMcaVersion()).templateId };
    },
    async approveGdapRelationship(relationshipId) {
      await control.approveGdap(relationshipId);
    },
    async signIn(customerTenantId, userPrincipalName, password) {
      return control.signIn(customerTenantId, { userPrincipalName, password });
    },
    async addOtherPartnerSubscriptions(customerTenantId, subscriptions) {
      const { items } = await control.addPartnerSubscriptions(customerTenantId, { partner: 'direct-litware', subscriptions });
      return items.map((i) => ({ id: i.id, termEndsAt: i.commitmentEndDate }));
    },
    async acceptTransferAsSource(customerTenantId, transferId, subscriptionIds) {
      await control.acceptTransfer(customerTenantId, transferId, subscriptionIds ? { subscriptionIds } : {});
    },
    async calls() {
      return (await control.calls()).calls;
    },
    async reset() {
      await control.reset();
    },
  };

  return {
    name: 'emulator',
    emulator,
    control: controlPlane,
    emulatorControl: control,
    fixtures: {
      ...US_CONTRACT_FIXTURES,
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
      otherPartner: { tenantId: 'ad5a6e7c-cf81-4293-9e45-5a6b7c8d9ea5', name: 'Litware Cloud' }, // direct-litware
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
