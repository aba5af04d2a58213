import { PatchSubscriptionRequestSchema, PcHeader } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { json } from '../protocol/respond';
import { getSubscription, listSubscriptions, patchSubscription } from '../engine/subscriptions.engine';
import { toSubscription } from '../views/subscription.view';
import { collection } from '../views/collection.view';

export function registerSubscriptionRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §10: list, optionally by order or by reseller Partner ID.
  r.op('subscriptions.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const orderId = ctx.query('order_id');
    const mpnId = ctx.query('mpn_id');
    const subs = listSubscriptions(engine, ctx.principal.partnerTenantId, ctx.param('customerId')).filter(
      (s) => (!orderId || s.orderId === orderId) && (!mpnId || s.partnerId === mpnId),
    );
    return json(200, collection(subs.map((s) => toSubscription(s, engine.now())), `/v1/customers/${ctx.param('customerId')}/subscriptions`));
  });

  r.op('subscriptions.get', (ctx) => {
    const engine = ctx.runtime.engine;
    const sub = getSubscription(engine, ctx.principal.partnerTenantId, ctx.param('customerId'), ctx.param('subscriptionId'));
    return json(200, toSubscription(sub, engine.now()), { [PcHeader.eTag]: sub.etag });
  });

  // §10: quantity, suspend/reactivate, cancel within 7 days, auto-renew.
  r.op('subscriptions.patch', async (ctx) => {
    const engine = ctx.runtime.engine;
    const patch = parseBody(PatchSubscriptionRequestSchema, await ctx.body());
    const sub = getSubscription(engine, ctx.principal.partnerTenantId, ctx.param('customerId'), ctx.param('subscriptionId'));
    patchSubscription(engine, sub, ctx.c.req.header(PcHeader.ifMatch), patch, { userPrincipalName: ctx.principal.userPrincipalName, applicationId: ctx.principal.appId });
    return json(200, toSubscription(sub, engine.now()), { [PcHeader.eTag]: sub.etag });
  });

  // §10: subscription provisioning status (App+User only per §1.2).
  r.op(
    'subscriptions.provisioningStatus',
    (ctx) => {
      const sub = getSubscription(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('customerId'), ctx.param('subscriptionId'));
      return json(200, {
        skuId: sub.skuId,
        status: sub.status === 'active' || sub.status === 'suspended' ? 'success' : sub.status === 'deleted' || sub.status === 'expired' ? 'failed' : 'pending',
        quantity: sub.quantity,
        endDate: new Date(sub.commitmentEndAt).toISOString(),
        attributes: { objectType: 'SubscriptionProvisioningStatus' },
      });
    },
  );
}
