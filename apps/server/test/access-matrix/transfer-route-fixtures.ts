import { randomUUID } from 'node:crypto';
import type { Role } from '@csphub/domain';
import { createSubscriptionTransfersRepo } from '@csphub/db';
import { systemClock } from '@csphub/domain';
import { createLimiterRegistry, createPartnerCenterClient, emulatorEndpoints } from '@csphub/partner-center';
import { DEFAULT_SCENARIO } from '@csphub/partner-center-emulator';
import { createEmulatorControl } from '@csphub/partner-center-emulator/control-client';
import type { FixtureContext, RouteFixture } from './route-fixture.types';
import { emulatorFor, linkTarget } from './commerce-route-fixtures';

const ALL: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator', 'customer_admin', 'billing_reader'];
const EDITORS: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator', 'customer_admin'];
const latam = DEFAULT_SCENARIO.partners.find((p) => p.key === 'distributor-latam')!;
const litware = DEFAULT_SCENARIO.partners.find((p) => p.key === 'direct-litware')!;
const wingtip = DEFAULT_SCENARIO.tenants.find((t) => t.key === 'wingtip')!;

/**
 * Litware holds a fresh subscription of Wingtip and no transfer of it is waiting (an earlier case's
 * is accepted first), so a new request from the LATAM connection is eligible.
 */
const latamClient = (url: string) =>
  createPartnerCenterClient({
    limiters: createLimiterRegistry({ clock: systemClock }),
    connection: { id: 'matrix-latam', name: 'LATAM (matrix)', type: 'indirect-provider', tenantId: latam.tenantId, appId: latam.app.appId, appSecret: latam.app.appSecret, refreshToken: latam.user.refreshToken, ...emulatorEndpoints(url) },
  });

async function litwareHoldsSeats(ctx: FixtureContext): Promise<string> {
  const url = await emulatorFor(ctx);
  const control = createEmulatorControl(url);
  const client = latamClient(url);
  for (const t of await client.listTransfers(wingtip.tenantId)) if (t.state === 'active') await control.acceptTransfer(wingtip.tenantId, t.id);
  await control.addPartnerSubscriptions(wingtip.tenantId, { partner: litware.key, subscriptions: [{ catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0LH18AV01', quantity: 3 }] });
  return (await linkTarget(ctx)).id;
}

const requestBody = (connectionId: string) => ({ connectionId, sourcePartnerTenantId: litware.tenantId, sourcePartnerName: litware.name, customerEmail: 'admin@wingtip.example' });

export const TRANSFER_ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/v1/companies/{id}/subscription-transfers': {
    scope: 'company',
    allowed: ALL,
    request: async (ctx) => {
      await linkTarget(ctx);
      return { path: `/api/v1/companies/${ctx.target.customer.id}/subscription-transfers` };
    },
  },
  'POST /api/v1/companies/{id}/subscription-transfers': {
    scope: 'company',
    allowed: EDITORS,
    request: async (ctx) => ({ path: `/api/v1/companies/${ctx.target.customer.id}/subscription-transfers`, body: requestBody(await litwareHoldsSeats(ctx)) }),
  },
  'POST /api/v1/companies/{id}/subscription-transfers/{transferId}/cancel': {
    scope: 'company',
    allowed: EDITORS,
    // An active transfer of the target company, asked for beforehand.
    request: async (ctx) => {
      const connectionId = await litwareHoldsSeats(ctx);
      const transfer = await latamClient(await emulatorFor(ctx)).createTransfer(wingtip.tenantId, { sourcePartnerTenantId: litware.tenantId, sourcePartnerName: litware.name, customerEmail: 'admin@wingtip.example' });
      const now = new Date();
      const row = await createSubscriptionTransfersRepo(ctx.t.database.db).insert({
        id: randomUUID(),
        companyId: ctx.target.customer.id,
        connectionId,
        tenantId: wingtip.tenantId,
        transferId: transfer.id,
        sourcePartnerTenantId: litware.tenantId,
        sourcePartnerName: litware.name,
        customerEmail: 'admin@wingtip.example',
        state: 'active',
        requestedBy: 'matrix',
        createdAt: now,
        updatedAt: now,
      });
      return { path: `/api/v1/companies/${ctx.target.customer.id}/subscription-transfers/${row.id}/cancel` };
    },
  },
};
