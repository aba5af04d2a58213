import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../protocol/app-env';
import type { Engine } from '../engine/engine';
import { EmulatorError } from '../errors/emulator-error';
import { json } from '../protocol/respond';
import { BulkSeedError, bulkSeedCustomers, type BulkCustomer } from '../engine/bulk-seed.engine';
import { patchSubscription } from '../engine/subscriptions.engine';
import { relationshipOf } from '../engine/customers.engine';
import { recordAudit } from '../engine/events';
import { BulkCustomersSchema, PortalSubscriptionChangeSchema } from './control.schema';
import { resolvePartner, resolveReseller, resolveTenant } from './resolve';
import { registerTransferControlRoutes } from './transfer-control.routes';

type Route = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, handler: (c: Context<AppEnv>) => Promise<Response> | Response) => void;
type Body = <T extends z.ZodType>(c: Context<AppEnv>, schema: T) => Promise<z.infer<T>>;

const controlError = (status: number, message: string) => new EmulatorError(status, { error: 'EmulatorControlError', message });

/**
 * Acting as a person in Partner Center's portal (docs/EMULATOR-DIFFERENCES.md, control plane): seed a
 * large existing customer base, change a subscription, remove a customer relationship. Every change
 * is an audit record (`GET /v1/auditrecords`) with the partner user's UPN, as the portal's are.
 */
export function registerPortalControlRoutes(route: Route, engine: () => Engine, body: Body): void {
  registerTransferControlRoutes(route, engine, body);
  route('POST', '/customers/bulk', async (c) => {
    const input = await body(c, BulkCustomersSchema);
    const partner = resolvePartner(engine(), input.partner);
    if (!partner) throw controlError(404, `unknown partner '${input.partner}'`);
    const customers: BulkCustomer[] = input.customers.map((x, i) => {
      const reseller = x.reseller ? resolveReseller(engine(), x.reseller) : undefined;
      if (x.reseller && !reseller) throw controlError(400, `customers.${i}.reseller: unknown reseller '${x.reseller}'`);
      return {
        ...x,
        ...(reseller ? { resellerTenantId: reseller.tenantId } : {}),
        subscriptions: x.subscriptions.map((s, j) => {
          const seller = s.partner ? resolvePartner(engine(), s.partner) : undefined;
          if (s.partner && !seller) throw controlError(400, `customers.${i}.subscriptions.${j}.partner: unknown partner '${s.partner}'`);
          return { ...s, ...(seller ? { partnerTenantId: seller.tenantId } : {}) };
        }),
      };
    });
    try {
      return json(201, bulkSeedCustomers(engine(), partner, customers));
    } catch (error) {
      if (error instanceof BulkSeedError) throw controlError(400, error.message);
      throw error;
    }
  });

  route('PATCH', '/customers/:id/subscriptions/:subscriptionId', async (c) => {
    const input = await body(c, PortalSubscriptionChangeSchema);
    const tenant = resolveTenant(engine(), c.req.param('id') ?? '');
    if (!tenant) throw controlError(404, 'unknown customer');
    const sub = engine().state.subscriptions[(c.req.param('subscriptionId') ?? '').toLowerCase()];
    if (!sub || sub.customerTenantId !== tenant.tenantId) throw controlError(404, 'unknown subscription');
    const partner = engine().partnerByTenant(sub.partnerTenantId)!;
    patchSubscription(engine(), sub, undefined, input, { userPrincipalName: partner.userPrincipalName });
    return json(200, { id: sub.id, quantity: sub.quantity, status: sub.status, autoRenewEnabled: sub.autoRenewEnabled });
  });

  route('DELETE', '/customers/:id/relationships/:partner', (c) => {
    const tenant = resolveTenant(engine(), c.req.param('id') ?? '');
    if (!tenant) throw controlError(404, 'unknown customer');
    const partner = resolvePartner(engine(), c.req.param('partner') ?? '');
    if (!partner) throw controlError(404, 'unknown partner');
    const relationship = relationshipOf(engine(), partner.tenantId, tenant.tenantId);
    if (!relationship) throw controlError(404, 'no relationship between this partner and customer');
    engine().state.relationships = engine().state.relationships.filter((r) => r !== relationship);
    recordAudit(engine(), {
      partnerTenantId: partner.tenantId,
      customerTenantId: tenant.tenantId,
      customerName: tenant.companyName,
      userPrincipalName: partner.userPrincipalName,
      resourceType: 'customer',
      operationType: 'remove_partner_customer_relationship',
    });
    return json(200, { removed: true });
  });
}
