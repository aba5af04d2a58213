import {
  isPartnerCenterError,
  type CatalogAvailability,
  type CreatedCustomer,
  type Order,
} from '@csphub/partner-center';
import { describe, expect, it } from 'vitest';
import { ensureMca } from './agreements.contract';
import { itWithControl, type ContractContext } from './contract-context';
import { newCustomer, sharedCustomer } from './customers.contract';
import { eventually } from './eventually';

/** A P1Y monthly availability of the fixture SKU (fetched fresh: catalog ids change, §8). */
export async function fixtureAvailability(ctx: ContractContext): Promise<CatalogAvailability> {
  const { catalog } = ctx.target.fixtures;
  const availabilities = await ctx.target
    .client('indirect')
    .listAvailabilities(catalog.productId, catalog.skuId, { country: catalog.country })
    .toArray();
  const availability = availabilities.find(
    (a) => a.isPurchasable && a.terms.some((t) => t.duration === 'P1Y' && t.billingCycle === 'monthly'),
  );
  if (!availability)
    throw new Error(`No purchasable P1Y/monthly availability for ${catalog.productId}:${catalog.skuId}`);
  return availability;
}

/** Buys `quantity` seats of the fixture SKU for the shared customer, once per run; returns the completed order. */
export async function sharedOrder(
  ctx: ContractContext,
): Promise<{ customer: CreatedCustomer; order: Order }> {
  const existing = ctx.shared.get('order') as
    Promise<{ customer: CreatedCustomer; order: Order }> | undefined;
  if (existing) return existing;
  const run = (async () => {
    const customer = await sharedCustomer(ctx);
    await ensureMca(ctx, customer.tenantId);
    const client = ctx.target.client('indirect');
    const availability = await fixtureAvailability(ctx);
    const cart = await client.createCart(customer.tenantId, {
      lines: [
        {
          catalogItemId: availability.catalogItemId,
          quantity: 5,
          termDuration: 'P1Y',
          billingCycle: 'monthly',
          friendlyName: 'Contract seats',
        },
      ],
    });
    const checkout = await client.checkoutCart(customer.tenantId, cart.id);
    const placed = checkout.orders[0];
    if (!placed) throw new Error(`Checkout produced no order: ${JSON.stringify(checkout.errors)}`);
    const order = await eventually(
      ctx,
      async () => {
        const o = await client.getOrder(customer.tenantId, placed.id);
        return o.status === 'completed' && o.lines.every((l) => l.subscriptionId) ? o : undefined;
      },
      { stepMs: 60_000, what: `order ${placed.id} to complete` },
    );
    return { customer, order };
  })();
  ctx.shared.set('order', run);
  return run;
}

/** Catalog, carts, checkout, orders, subscriptions (docs/PARTNER-CENTER-REFERENCE.md §8–§10). */
export function registerCommerceContract(ctx: ContractContext): void {
  const controlIt = itWithControl(ctx);

  describe('catalog', () => {
    it('walks product → SKU → availability down to a catalog item id and its terms', async () => {
      const client = ctx.target.client('indirect');
      const { catalog } = ctx.target.fixtures;
      const products = await client
        .listProducts({ country: catalog.country, targetView: 'OnlineServices' })
        .toArray();
      const product = products.find((p) => p.id === catalog.productId);
      expect(product).toMatchObject({ isNewCommerce: true });
      expect(await client.getProduct(catalog.productId, { country: catalog.country })).toMatchObject({
        id: catalog.productId,
        title: product?.title,
      });
      const skus = await client.listSkus(catalog.productId, { country: catalog.country }).toArray();
      const sku = skus.find((s) => s.id === catalog.skuId);
      expect(sku?.minimumQuantity).toBeGreaterThanOrEqual(1);
      expect(sku?.maximumQuantity).toBeGreaterThanOrEqual(5);
      expect(
        await client.getSku(catalog.productId, catalog.skuId, { country: catalog.country }),
      ).toMatchObject({ id: catalog.skuId });
      const availability = await fixtureAvailability(ctx);
      expect(availability.catalogItemId.startsWith(`${catalog.productId}:${catalog.skuId}:`)).toBe(true);
      expect(
        await client.getAvailability(catalog.productId, catalog.skuId, availability.id, { country: catalog.country }),
      ).toMatchObject({ id: availability.id, catalogItemId: availability.catalogItemId });
    });

    it("reads the market's license-based price sheet: the fixture SKU's terms with the partner and retail prices of one month", async () => {
      const client = ctx.target.client('indirect');
      const { catalog } = ctx.target.fixtures;
      const sheet = await client.getPriceSheet({ market: catalog.country });
      const rows = sheet.filter((e) => e.productId === catalog.productId && e.skuId === catalog.skuId);
      expect(rows.some((e) => e.termDuration === 'P1Y' && e.billingPlan === 'monthly')).toBe(true);
      const start = sheet[0]!.effectiveStart;
      expect(start.endsWith('-01')).toBe(true);
      for (const e of rows) {
        expect(e.market).toBe(catalog.country.toUpperCase());
        expect(e.unitPrice.currency).toBe(e.currency);
        expect(Number.isSafeInteger(e.unitPrice.minor) && e.unitPrice.minor > 0).toBe(true);
        expect(e.unitPrice.minor).toBeLessThanOrEqual(e.erpPrice.minor);
        expect(e.effectiveStart).toBe(start);
      }
      // Next month's sheet is published ahead: it starts the day after this one ends.
      const future = await client.getPriceSheet({ market: catalog.country, timeline: 'future' });
      const dayAfter = new Date(Date.parse(`${sheet[0]!.effectiveEnd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(future[0]?.effectiveStart).toBe(dayAfter);
    });

    it('reports an unknown product as CATALOG_ITEM_NOT_FOUND', async () => {
      const error = await ctx.target
        .client('indirect')
        .getProduct('CFQ7TTC0ZZZZ', { country: ctx.target.fixtures.catalog.country })
        .catch((e: unknown) => e);
      expect(
        isPartnerCenterError(error, 'CATALOG_ITEM_NOT_FOUND') || isPartnerCenterError(error, 'NOT_FOUND'),
      ).toBe(true);
    });
  });

  describe('carts and orders', () => {
    it('refuses a checkout without an MCA attestation with MCA_MISSING', async () => {
      const client = ctx.target.client('indirect');
      const customer = await client.createCustomer(newCustomer(ctx, ctx.target.uniquePrefix('nomca')));
      const availability = await fixtureAvailability(ctx);
      const cart = await client.createCart(customer.tenantId, {
        lines: [
          {
            catalogItemId: availability.catalogItemId,
            quantity: 1,
            termDuration: 'P1Y',
            billingCycle: 'monthly',
          },
        ],
      });
      expect(cart.status).toBe('Active');
      const error = await client.checkoutCart(customer.tenantId, cart.id).catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'MCA_MISSING')).toBe(true);
    });

    it('creates, reads and updates a cart', async () => {
      const client = ctx.target.client('indirect');
      const customer = await sharedCustomer(ctx);
      const availability = await fixtureAvailability(ctx);
      const cart = await client.createCart(customer.tenantId, {
        lines: [
          {
            catalogItemId: availability.catalogItemId,
            quantity: 2,
            termDuration: 'P1Y',
            billingCycle: 'monthly',
          },
        ],
      });
      expect(cart.lines).toHaveLength(1);
      expect(cart.lines[0]).toMatchObject({ catalogItemId: availability.catalogItemId, quantity: 2 });
      expect(Date.parse(cart.expiresAt)).toBeGreaterThan(Date.parse(cart.createdAt));
      const updated = await client.updateCart(customer.tenantId, cart.id, {
        lines: [
          {
            catalogItemId: availability.catalogItemId,
            quantity: 3,
            termDuration: 'P1Y',
            billingCycle: 'monthly',
          },
        ],
      });
      expect(updated.lines[0]?.quantity).toBe(3);
      expect((await client.getCart(customer.tenantId, cart.id)).lines[0]?.quantity).toBe(3);
    });

    it('checks a cart out into an order that completes with a subscription', async () => {
      const { customer, order } = await sharedOrder(ctx);
      expect(order.customerTenantId).toBe(customer.tenantId);
      expect(order.lines[0]).toMatchObject({ quantity: 5 });
      const client = ctx.target.client('indirect');
      expect((await client.listOrders(customer.tenantId)).map((o) => o.id)).toContain(order.id);
      const provisioning = await client.getOrderProvisioningStatus(customer.tenantId, order.id);
      expect(provisioning.length).toBe(order.lines.length);
      expect(
        provisioning.every((p) => ['fulfilled', 'unfulfilled', 'prefulfillmentPending'].includes(p.status)),
      ).toBe(true);
    });

    it('names the reseller of record on an indirect order', async () => {
      const client = ctx.target.client('indirect');
      const { reseller } = ctx.target.fixtures;
      const customer = await client.createCustomer(
        newCustomer(ctx, ctx.target.uniquePrefix('por'), { indirectResellerTenantId: reseller.tenantId }),
      );
      await ensureMca(ctx, customer.tenantId);
      const availability = await fixtureAvailability(ctx);
      const cart = await client.createCart(customer.tenantId, {
        lines: [
          {
            catalogItemId: availability.catalogItemId,
            quantity: 1,
            termDuration: 'P1Y',
            billingCycle: 'monthly',
            resellerPartnerId: reseller.partnerId,
          },
        ],
      });
      expect(cart.lines[0]?.resellerPartnerId).toBe(reseller.partnerId);
      const { orders } = await client.checkoutCart(customer.tenantId, cart.id);
      expect(orders).toHaveLength(1);
      const subscriptions = await eventually(
        ctx,
        async () => {
          const subs = await client.listSubscriptions(customer.tenantId, { orderId: orders[0]!.id });
          return subs.length > 0 ? subs : undefined;
        },
        { stepMs: 60_000, what: 'the indirect order’s subscription' },
      );
      expect(subscriptions[0]?.resellerPartnerId).toBe(reseller.partnerId);
    });
  });

  describe('partner of record by location ID', () => {
    // docs/PARTNER-CENTER-REFERENCE.md §7.1: an order names the reseller's location ID (PLA); its
    // global ID (PGA) and a reseller whose authorization lapsed are refused at checkout.
    const refusedAtCheckout = async (partnerId: string): Promise<unknown> => {
      const client = ctx.target.client('indirect');
      const { reseller } = ctx.target.fixtures;
      const customer = await client.createCustomer(
        newCustomer(ctx, ctx.target.uniquePrefix('pla'), { indirectResellerTenantId: reseller.tenantId }),
      );
      await ensureMca(ctx, customer.tenantId);
      const availability = await fixtureAvailability(ctx);
      const cart = await client.createCart(customer.tenantId, {
        lines: [{ catalogItemId: availability.catalogItemId, quantity: 1, termDuration: 'P1Y', billingCycle: 'monthly', resellerPartnerId: partnerId }],
      });
      return client.checkoutCart(customer.tenantId, cart.id).catch((e: unknown) => e);
    };

    it('refuses a reseller’s global Partner ID (PGA) as partner of record', async () => {
      const pga = ctx.target.fixtures.resellerGlobalPartnerId;
      if (!pga) return;
      expect(isPartnerCenterError(await refusedAtCheckout(pga), 'PARTNER_OF_RECORD_NOT_VALID')).toBe(true);
    });

    itWithControl(ctx)('refuses a reseller whose partner-of-record authorization expired', async () => {
      const spare = ctx.target.fixtures.spareResellerPartnerId;
      if (!spare) throw new Error('the emulator target names a spare reseller');
      await ctx.control.setResellerPartnerOfRecord(spare, 'expired');
      try {
        expect(isPartnerCenterError(await refusedAtCheckout(spare), 'PARTNER_OF_RECORD_NOT_VALID')).toBe(true);
      } finally {
        await ctx.control.setResellerPartnerOfRecord(spare, 'authorized');
      }
    });
  });

  describe('subscriptions', () => {
    it('lists, gets and updates the order’s subscription', async () => {
      const { customer, order } = await sharedOrder(ctx);
      const client = ctx.target.client('indirect');
      const subscriptionId = order.lines[0]!.subscriptionId!;
      const listed = await client.listSubscriptions(customer.tenantId);
      expect(listed.map((s) => s.id)).toContain(subscriptionId);
      expect(
        (await client.listSubscriptions(customer.tenantId, { orderId: order.id })).map((s) => s.id),
      ).toEqual([subscriptionId]);
      const subscription = await client.getSubscription(customer.tenantId, subscriptionId);
      expect(subscription).toMatchObject({ status: 'active', quantity: 5, termDuration: 'P1Y' });
      const more = await client.updateSubscription(customer.tenantId, subscriptionId, { quantity: 7 });
      expect(more.quantity).toBe(7);
      const renamed = await client.updateSubscription(customer.tenantId, subscriptionId, {
        friendlyName: 'Contract seats (renamed)',
        autoRenew: false,
      });
      expect(renamed).toMatchObject({
        friendlyName: 'Contract seats (renamed)',
        autoRenew: false,
        quantity: 7,
      });
    });

    controlIt('refuses a seat reduction after the 7-day window with NCE_WINDOW_PASSED', async () => {
      const { customer, order } = await sharedOrder(ctx);
      const client = ctx.target.client('indirect');
      await ctx.control.advanceClock(8 * 24 * 3_600_000);
      const error = await client
        .updateSubscription(customer.tenantId, order.lines[0]!.subscriptionId!, { quantity: 1 })
        .catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'NCE_WINDOW_PASSED')).toBe(true);
    });
  });
}
