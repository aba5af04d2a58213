import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../protocol/app-env';
import type { Engine } from '../engine/engine';
import type { SubscriptionRecord } from '../engine/emulator-state';
import { EmulatorError } from '../errors/emulator-error';
import { json } from '../protocol/respond';
import { findCatalogItem } from '../engine/catalog.engine';
import { DAY_MS, addTerm } from '../engine/emulator-clock';
import { addSubscriptionRecord, subscriptionsOfTenant } from '../engine/subscriptions.engine';
import { acceptTransfer, transferEligibility } from '../engine/transfers.engine';
import { recordAudit } from '../engine/events';
import { toTransferEntity } from '../views/transfer.view';
import { AcceptTransferSchema, PartnerSubscriptionsSchema } from './control.schema';
import { resolvePartner, resolveTenant } from './resolve';

type Route = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, handler: (c: Context<AppEnv>) => Promise<Response> | Response) => void;
type Body = <T extends z.ZodType>(c: Context<AppEnv>, schema: T) => Promise<z.infer<T>>;

const controlError = (status: number, message: string) => new EmulatorError(status, { error: 'EmulatorControlError', message });

/** The start of a term that ends at `endMs` (calendar months back, in UTC). */
function termStartBefore(endMs: number, termDuration: string): number {
  const d = new Date(endMs);
  d.setUTCMonth(d.getUTCMonth() - (termDuration === 'P1M' ? 1 : termDuration === 'P3Y' ? 36 : 12));
  return d.getTime();
}

/**
 * Transfers from the other side (docs/EMULATOR-DIFFERENCES.md, "Transfers"): seed another partner's
 * subscriptions on an existing customer, and accept a transfer as its source partner would in
 * Partner Center (the same engine function its `PATCH … Complete` runs).
 */
export function registerTransferControlRoutes(route: Route, engine: () => Engine, body: Body): void {
  route('POST', '/customers/:id/partner-subscriptions', async (c) => {
    const input = await body(c, PartnerSubscriptionsSchema);
    const e = engine();
    const tenant = resolveTenant(e, c.req.param('id') ?? '');
    if (!tenant) throw controlError(404, 'unknown customer');
    const partner = resolvePartner(e, input.partner);
    if (!partner) throw controlError(404, `unknown partner '${input.partner}'`);
    const now = e.now();
    const created: SubscriptionRecord[] = input.subscriptions.map((s, i) => {
      const item = findCatalogItem(e.state.scenario.catalog, s.catalogItemId);
      if (!item) throw controlError(400, `subscriptions.${i}.catalogItemId: unknown '${s.catalogItemId}'`);
      const term = s.termDuration ?? 'P1Y';
      const endAt = s.termEndsAt ? Date.parse(s.termEndsAt) : addTerm(now - 30 * DAY_MS, term);
      if (endAt <= now) throw controlError(400, `subscriptions.${i}.termEndsAt: must be after the emulator's now (${e.iso(now)})`);
      const startAt = termStartBefore(endAt, term);
      return {
        id: e.newId(),
        partnerTenantId: partner.tenantId,
        customerTenantId: tenant.tenantId,
        orderId: e.token(6),
        offerId: s.catalogItemId,
        productId: item.product.id,
        skuId: item.sku.id,
        offerName: item.sku.title,
        friendlyName: item.sku.title,
        quantity: s.quantity,
        termDuration: term,
        billingCycle: s.billingCycle ?? (term === 'P1M' ? 'monthly' : 'annual'),
        productType: item.product.productType,
        createdAt: Math.min(startAt, now),
        termStartAt: startAt,
        commitmentEndAt: endAt,
        status: s.status ?? 'active',
        autoRenewEnabled: true,
        etag: e.newId(),
      };
    });
    for (const sub of created) {
      addSubscriptionRecord(e, sub);
      e.schedule(sub.commitmentEndAt);
      recordAudit(e, { partnerTenantId: partner.tenantId, customerTenantId: tenant.tenantId, customerName: tenant.companyName, userPrincipalName: partner.userPrincipalName, resourceType: 'order', operationType: 'create_order', resourceNewValue: JSON.stringify({ orderId: sub.orderId, offerId: sub.offerId }) });
    }
    e.markDirty();
    return json(201, { items: created.map((s) => ({ id: s.id, partnerTenantId: s.partnerTenantId, offerId: s.offerId, quantity: s.quantity, status: s.status, commitmentEndDate: e.iso(s.commitmentEndAt) })) });
  });

  route('POST', '/customers/:id/transfers/:transferId/accept', async (c) => {
    const input = await body(c, AcceptTransferSchema);
    const e = engine();
    const tenant = resolveTenant(e, c.req.param('id') ?? '');
    if (!tenant) throw controlError(404, 'unknown customer');
    const t = e.state.transfers?.[(c.req.param('transferId') ?? '').toLowerCase()];
    if (!t || t.customerTenantId !== tenant.tenantId) throw controlError(404, 'unknown transfer');
    const ids =
      input.subscriptionIds ??
      subscriptionsOfTenant(e, tenant.tenantId)
        .filter((s) => s.partnerTenantId === t.sourcePartnerTenantId && transferEligibility(e, s).isEligible)
        .map((s) => s.id);
    return json(200, toTransferEntity(e, acceptTransfer(e, t.sourcePartnerTenantId, t, ids)));
  });
}
