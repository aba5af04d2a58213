import { describe, expect, it } from 'vitest';
import type { ContractContext } from './contract-context';
import { sharedOrder } from './commerce.contract';

/** Customer users and licence assignment (docs/PARTNER-CENTER-REFERENCE.md §11). */
export function registerUserContract(ctx: ContractContext): void {
  describe('customer users and licences', () => {
    it('creates a user, lists it, and assigns then removes a licence', async () => {
      const { customer } = await sharedOrder(ctx);
      const client = ctx.target.client('indirect');
      const upn = `contract.user@${customer.domain}`;
      const user = await client.createCustomerUser(customer.tenantId, {
        userPrincipalName: upn,
        displayName: 'Contract User',
        firstName: 'Contract',
        lastName: 'User',
        usageLocation: ctx.target.fixtures.address.country,
        password: 'Contract-Passw0rd!',
      });
      expect(user).toMatchObject({ userPrincipalName: upn, displayName: 'Contract User', state: 'active' });

      const users = await client.listCustomerUsers(customer.tenantId, { pageSize: 1 }).toArray();
      expect(users.map((u) => u.id)).toContain(user.id);
      expect(users.length).toBeGreaterThanOrEqual(2); // the tenant's first admin and ours, across pages of one

      const before = await client.listSubscribedSkus(customer.tenantId);
      const sku = before.find((s) => s.availableUnits > 0);
      expect(sku, 'the completed order gives the tenant free licences').toBeDefined();
      const result = await client.updateUserLicenses(customer.tenantId, user.id, {
        assign: [{ skuId: sku!.skuId }],
      });
      expect(Array.isArray(result.warnings)).toBe(true);
      const after = await client.listSubscribedSkus(customer.tenantId);
      expect(after.find((s) => s.skuId === sku!.skuId)?.consumedUnits).toBe(sku!.consumedUnits + 1);
      expect((await client.listUserLicenses(customer.tenantId, user.id)).map((l) => l.skuId)).toEqual([sku!.skuId]);

      await client.updateUserLicenses(customer.tenantId, user.id, { remove: [sku!.skuId] });
      expect(
        (await client.listSubscribedSkus(customer.tenantId)).find((s) => s.skuId === sku!.skuId)
          ?.consumedUnits,
      ).toBe(sku!.consumedUnits);
      expect(await client.listUserLicenses(customer.tenantId, user.id)).toEqual([]);
    });
  });
}
