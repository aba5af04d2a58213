import { CreateTransferRequestSchema, UpdateTransferRequestSchema } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { json } from '../protocol/respond';
import { acceptTransfer, cancelTransfer, createTransfer, getTransfer, listTransferEligibility, listTransfers } from '../engine/transfers.engine';
import { toTransferEntity } from '../views/transfer.view';
import { collection } from '../views/collection.view';

export function registerTransferRoutes(r: ApiRouter): void {
  // Learn "Create a transfer for new commerce": the target partner asks the customer's current partner.
  r.op('transfers.create', async (ctx) => {
    const engine = ctx.runtime.engine;
    const input = parseBody(CreateTransferRequestSchema, await ctx.body());
    const t = createTransfer(engine, ctx.principal.partnerTenantId, ctx.param('customerId'), input);
    return json(201, toTransferEntity(engine, t));
  });

  r.op('transfers.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const items = listTransfers(engine, ctx.principal.partnerTenantId, ctx.param('customerId')).map((t) => toTransferEntity(engine, t));
    return json(200, collection(items, `/v1/customers/${ctx.param('customerId')}/transfers`));
  });

  r.op('transfers.get', (ctx) => {
    const engine = ctx.runtime.engine;
    return json(200, toTransferEntity(engine, getTransfer(engine, ctx.principal.partnerTenantId, ctx.param('customerId'), ctx.param('transferId'))));
  });

  // Learn "Update a transfer request for new commerce": `Cancel` (target) or `Complete` with line items (source).
  r.op('transfers.update', async (ctx) => {
    const engine = ctx.runtime.engine;
    const input = parseBody(UpdateTransferRequestSchema, await ctx.body());
    const partner = ctx.principal.partnerTenantId;
    const t = getTransfer(engine, partner, ctx.param('customerId'), ctx.param('transferId'));
    const updated = input.status === 'Cancel' ? cancelTransfer(engine, partner, t) : acceptTransfer(engine, partner, t, (input.lineItems ?? []).map((l) => l.subscriptionId));
    return json(200, toTransferEntity(engine, updated));
  });

  // Learn "Get customer's subscriptions transfer eligibility": the caller's own subscriptions of the customer.
  r.op('transfers.eligibility', (ctx) => json(200, listTransferEligibility(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('customerId'))));
}
