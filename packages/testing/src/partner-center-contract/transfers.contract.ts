import { isPartnerCenterError, type PartnerCenterClient } from '@csphub/partner-center';
import { describe, expect } from 'vitest';
import { itWithControl, type ContractContext } from './contract-context';
import { fixtureAvailability } from './commerce.contract';
import { sharedCustomer } from './customers.contract';

async function errorCodeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isPartnerCenterError(e)) return e.code;
    throw e;
  }
  throw new Error('expected the call to fail');
}

/**
 * New-commerce transfers from another partner, the target partner's side (Learn: "Create a transfer
 * for new commerce", "Update a transfer request for new commerce", "TransferEntity resources").
 * The source partner's acceptance is the control plane's, so the family needs it.
 */
export function registerTransferContract(ctx: ContractContext): void {
  const controlIt = itWithControl(ctx);
  const other = () => {
    const p = ctx.target.fixtures.otherPartner;
    if (!p) throw new Error('The target names no other partner');
    return p;
  };
  const ask = (client: PartnerCenterClient, tenantId: string) =>
    client.createTransfer(tenantId, { sourcePartnerTenantId: other().tenantId, sourcePartnerName: other().name, customerEmail: 'admin@contract.example' });

  describe('transfers from another partner', () => {
    controlIt('a transfer the source partner accepts moves its subscriptions here with their term end dates', async () => {
      const client = ctx.target.client('indirect');
      const customer = await sharedCustomer(ctx);
      const availability = await fixtureAvailability(ctx);
      const held = await ctx.control.addOtherPartnerSubscriptions(customer.tenantId, [
        { catalogItemId: availability.catalogItemId, quantity: 7, termEndsAt: new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10) },
      ]);
      const before = await client.listSubscriptions(customer.tenantId);
      expect(before.map((s) => s.id)).not.toContain(held[0]!.id);

      const created = await ask(client, customer.tenantId);
      expect(created).toMatchObject({ state: 'active', sourcePartnerTenantId: other().tenantId, lineItems: [] });
      expect(await errorCodeOf(ask(client, customer.tenantId))).toBe('TRANSFER_ALREADY_REQUESTED');
      expect((await client.listTransfers(customer.tenantId)).map((t) => t.id)).toContain(created.id);

      await ctx.control.acceptTransferAsSource(customer.tenantId, created.id);
      const done = await client.getTransfer(customer.tenantId, created.id);
      expect(done.state).toBe('complete');
      expect(done.completedAt).toBeTruthy();
      expect(done.lineItems).toEqual([expect.objectContaining({ subscriptionId: held[0]!.id, quantity: 7, termEndsAt: held[0]!.termEndsAt })]);

      const moved = (await client.listSubscriptions(customer.tenantId)).find((s) => s.id === held[0]!.id);
      expect(moved).toMatchObject({ quantity: 7, status: 'active', termEndsAt: held[0]!.termEndsAt });

      // Nothing is left with the other partner: a new request is refused, and so is accepting the first again.
      expect(await errorCodeOf(ask(client, customer.tenantId))).toBe('TRANSFER_NOT_ELIGIBLE');
      await expect(ctx.control.acceptTransferAsSource(customer.tenantId, created.id)).rejects.toThrow(/800121|not.*active|Complete/i);
    });

    controlIt('our own request can be cancelled while it is active, and only then', async () => {
      const client = ctx.target.client('indirect');
      const customer = await sharedCustomer(ctx);
      const availability = await fixtureAvailability(ctx);
      await ctx.control.addOtherPartnerSubscriptions(customer.tenantId, [{ catalogItemId: availability.catalogItemId, quantity: 2 }]);
      const created = await ask(client, customer.tenantId);
      expect((await client.cancelTransfer(customer.tenantId, created.id)).state).toBe('cancelled');
      expect(await errorCodeOf(client.cancelTransfer(customer.tenantId, created.id))).toBe('TRANSFER_NOT_ACTIVE');
      await expect(ctx.control.acceptTransferAsSource(customer.tenantId, created.id)).rejects.toThrow(/800121/);
    });

    controlIt('an unknown transfer is not found, and a partner without the customer cannot ask for one', async () => {
      const client = ctx.target.client('indirect');
      const customer = await sharedCustomer(ctx);
      const own = await client.getTransfer(customer.tenantId, '00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
      expect(isPartnerCenterError(own) && own.code).toBe('NOT_FOUND');
      const direct = ctx.target.client('direct');
      const code = await errorCodeOf(direct.createTransfer(customer.tenantId, { sourcePartnerTenantId: other().tenantId, sourcePartnerName: other().name, customerEmail: 'a@b.example' }));
      expect(code).toBe('NO_RELATIONSHIP');
    });
  });
}
