import {
  createLimiterRegistry,
  createPartnerCenterClient,
  systemClock,
  type PartnerCenterClient,
} from '@csphub/partner-center';
import type { ClientOverrides, ConnectionRole, ContractTarget } from './contract-target';

const required = [
  'PC_LIVE_TENANT_ID',
  'PC_LIVE_APP_ID',
  'PC_LIVE_APP_SECRET',
  'PC_LIVE_REFRESH_TOKEN',
  'PC_LIVE_RESELLER_PARTNER_ID',
  'PC_LIVE_RESELLER_TENANT_ID',
] as const;

/**
 * The environment variables the live contract run needs and does not have. The run itself is
 * opted into with `PARTNER_CENTER_LIVE=1`; use an integration-sandbox account only (the suite
 * creates customers, which it deletes afterwards, and replaces the webhook registration).
 */
export function liveContractMissingEnv(env: Record<string, string | undefined> = process.env): string[] {
  const missing: string[] = [];
  if (env.PARTNER_CENTER_LIVE !== '1') missing.push('PARTNER_CENTER_LIVE=1');
  for (const name of required) if (!env[name]) missing.push(name);
  return missing;
}

/**
 * A live Partner Center integration sandbox (indirect provider) as a contract target. Optional:
 * `PC_LIVE_MPA_NOT_SIGNED_PARTNER_ID`, `PC_LIVE_SECURITY_GROUP_ID`, `PC_LIVE_WEBHOOK_URL`,
 * `PC_LIVE_PRODUCT_ID`/`PC_LIVE_SKU_ID`/`PC_LIVE_COUNTRY` (default Microsoft 365 Business Basic in the
 * US), `PC_LIVE_DIRECT_TENANT_ID`/`_APP_ID`/`_APP_SECRET`/`_REFRESH_TOKEN` for a direct-bill connection.
 */
export async function liveContractTarget(
  env: Record<string, string | undefined> = process.env,
): Promise<ContractTarget> {
  const missing = liveContractMissingEnv(env);
  if (missing.length) throw new Error(`Live Partner Center contract needs: ${missing.join(', ')}`);
  const limiters = createLimiterRegistry({ clock: systemClock });
  const created = new Set<string>();
  const clients: PartnerCenterClient[] = [];
  const run = Date.now().toString(36);
  let counter = 0;

  const connection = (role: ConnectionRole) => {
    const direct = role === 'direct' && env.PC_LIVE_DIRECT_TENANT_ID;
    return {
      id: `live-${role}`,
      name: `Live sandbox (${role})`,
      type: direct ? ('direct-bill' as const) : ('indirect-provider' as const),
      tenantId: (direct ? env.PC_LIVE_DIRECT_TENANT_ID : env.PC_LIVE_TENANT_ID)!,
      appId: (direct ? env.PC_LIVE_DIRECT_APP_ID : env.PC_LIVE_APP_ID)!,
      appSecret: (direct ? env.PC_LIVE_DIRECT_APP_SECRET : env.PC_LIVE_APP_SECRET)!,
      refreshToken:
        role === 'indirect-app-only'
          ? undefined
          : (direct ? env.PC_LIVE_DIRECT_REFRESH_TOKEN : env.PC_LIVE_REFRESH_TOKEN)!,
    };
  };

  return {
    name: 'live',
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
      reseller: { partnerId: env.PC_LIVE_RESELLER_PARTNER_ID!, tenantId: env.PC_LIVE_RESELLER_TENANT_ID! },
      unknownPartnerId: '9999999',
      mpaNotSignedPartnerId: env.PC_LIVE_MPA_NOT_SIGNED_PARTNER_ID,
      resellerGlobalPartnerId: env.PC_LIVE_RESELLER_GLOBAL_PARTNER_ID,
      catalog: {
        productId: env.PC_LIVE_PRODUCT_ID ?? 'CFQ7TTC0LH18',
        skuId: env.PC_LIVE_SKU_ID ?? '0001',
        country: env.PC_LIVE_COUNTRY ?? 'US',
      },
      securityGroupId: env.PC_LIVE_SECURITY_GROUP_ID ?? '00000000-0000-0000-0000-000000000000',
      webhookUrl: env.PC_LIVE_WEBHOOK_URL ?? 'https://example.com/csphub-contract-webhook',
    },
    client(role: ConnectionRole, overrides: ClientOverrides = {}) {
      const client = createPartnerCenterClient({
        limiters,
        ...overrides,
        connection: { ...connection(role), ...overrides.connection },
      });
      const create = client.createCustomer;
      client.createCustomer = async (...args) => {
        const customer = await create(...args);
        created.add(customer.tenantId);
        return customer;
      };
      clients.push(client);
      return client;
    },
    uniquePrefix: (label) =>
      `csphub${label.replace(/[^a-z0-9]/gi, '').toLowerCase()}${run}${(counter++).toString(36)}`,
    async dispose() {
      // §1.4: the sandbox holds 75 customers; give back what the run created.
      const client = createPartnerCenterClient({ limiters, connection: connection('indirect') });
      for (const tenantId of created) await client.deleteSandboxCustomer(tenantId).catch(() => undefined);
    },
  };
}
