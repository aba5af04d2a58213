import { CreateCartRequestSchema } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { json } from '../protocol/respond';
import { checkoutCart, createCart, getCart, getOrder, updateCart } from '../engine/commerce.engine';
import { getVisibleCustomer } from '../engine/customers.engine';
import { toCart, toOrder, toProvisioningStatus } from '../views/commerce.view';
import { collection } from '../views/collection.view';

export function registerCommerceRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §9.1: create a cart.
  r.op('carts.create', async (ctx) => {
    const input = parseBody(CreateCartRequestSchema, await ctx.body());
    return json(201, toCart(createCart(ctx.runtime.engine, ctx.principal, ctx.param('customerId'), input)));
  });

  r.op('carts.get', (ctx) =>
    json(200, toCart(getCart(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('customerId'), ctx.param('cartId')))),
  );

  r.op('carts.update', async (ctx) => {
    const input = parseBody(CreateCartRequestSchema, await ctx.body());
    return json(200, toCart(updateCart(ctx.runtime.engine, ctx.principal, ctx.param('customerId'), ctx.param('cartId'), input)));
  });

  // §9.2: checkout (empty body).
  r.op(
    'carts.checkout',
    (ctx) => {
      const result = checkoutCart(ctx.runtime.engine, ctx.principal, ctx.param('customerId'), ctx.param('cartId'));
      return json(201, { orders: result.orders.map(toOrder), orderErrors: result.orderErrors, attributes: { objectType: 'CartCheckoutResult' } });
    },
  );

  // §9.3: orders.
  r.op('orders.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const { tenant } = getVisibleCustomer(engine, ctx.principal.partnerTenantId, ctx.param('customerId'));
    const orders = Object.values(engine.state.orders)
      .filter((o) => o.customerTenantId === tenant.tenantId && o.partnerTenantId === ctx.principal.partnerTenantId)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(toOrder);
    return json(200, collection(orders, `/v1/customers/${tenant.tenantId}/orders`));
  });

  r.op('orders.get', (ctx) =>
    json(200, toOrder(getOrder(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('customerId'), ctx.param('orderId')))),
  );

  // §9.3: provisioning status (App+User only per §1.2).
  r.op(
    'orders.provisioningStatus',
    (ctx) => {
      const order = getOrder(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('customerId'), ctx.param('orderId'));
      return json(200, collection(toProvisioningStatus(order), `/v1/customers/${order.customerTenantId}/orders/${order.id}/provisioningstatus`));
    },
  );

}
