import { describe, expect, it } from 'vitest';
import { COMPANY_ADMINISTRATOR_ROLE_NAME } from '@csphub/partner-center';
import { itWithControl, type ContractContext } from './contract-context';
import { sharedCustomer } from './customers.contract';

/**
 * Customer users' passwords and directory roles (docs/PARTNER-CENTER-REFERENCE.md §11; "Create user accounts",
 * "Reset user password", "Get/Set user roles for a customer"): what the new-tenant run relies on to
 * set up the administrator the wizard asked for.
 */
export function registerDirectoryRoleContract(ctx: ContractContext): void {
  describe('customer users: passwords and directory roles', () => {
    const password = 'Adm1n-Contract-Pass!';

    it('creates a user with a password profile, finds it by sign-in name, and refuses a second one', async () => {
      const customer = await sharedCustomer(ctx);
      const client = ctx.target.client('indirect');
      const upn = `roles.admin@${customer.domain}`;
      const created = await client.createCustomerUser(customer.tenantId, {
        userPrincipalName: upn,
        displayName: 'Roles Admin',
        usageLocation: ctx.target.fixtures.address.country,
        password,
        forceChangePassword: false,
      });
      const found = await client.findCustomerUserByUpn(customer.tenantId, upn.toUpperCase(), { pageSize: 1 });
      expect(found?.id).toBe(created.id);
      expect(await client.findCustomerUserByUpn(customer.tenantId, `nobody@${customer.domain}`)).toBeUndefined();
      await expect(
        client.createCustomerUser(customer.tenantId, { userPrincipalName: upn, displayName: 'Again', usageLocation: ctx.target.fixtures.address.country, password }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses a sign-in name in a domain the customer does not own', async () => {
      const customer = await sharedCustomer(ctx);
      await expect(
        ctx.target.client('indirect').createCustomerUser(customer.tenantId, {
          userPrincipalName: `someone@not-${customer.domain}`,
          displayName: 'Elsewhere',
          usageLocation: ctx.target.fixtures.address.country,
          password,
        }),
      ).rejects.toMatchObject({ code: 'INVALID_REQUEST', status: 400 });
    });

    itWithControl(ctx)('resets a password and the first-sign-in rule with PATCH', async () => {
      const customer = await sharedCustomer(ctx);
      const client = ctx.target.client('indirect');
      const upn = `roles.admin@${customer.domain}`;
      const user = (await client.findCustomerUserByUpn(customer.tenantId, upn))!;
      expect(await ctx.control.signIn(customer.tenantId, upn, password)).toEqual({ signedIn: true, mustChangePassword: false });
      const updated = await client.updateCustomerUser(customer.tenantId, user.id, { password: { password: 'N3w-Contract-Pass!', forceChangePassword: true } });
      expect(updated.forceChangePassword).toBe(true);
      expect(await ctx.control.signIn(customer.tenantId, upn, password)).toMatchObject({ signedIn: false });
      expect(await ctx.control.signIn(customer.tenantId, upn, 'N3w-Contract-Pass!')).toEqual({ signedIn: true, mustChangePassword: true });
    });

    it('lists the directory roles and adds a user to Company Administrator once', async () => {
      const customer = await sharedCustomer(ctx);
      const client = ctx.target.client('indirect');
      const upn = `roles.admin@${customer.domain}`;
      const user = (await client.findCustomerUserByUpn(customer.tenantId, upn))!;
      const roles = await client.listDirectoryRoles(customer.tenantId);
      const admins = roles.find((r) => r.name === COMPANY_ADMINISTRATOR_ROLE_NAME);
      expect(admins, 'Company Administrator among the roles').toBeDefined();
      const before = await client.listDirectoryRoleMembers(customer.tenantId, admins!.id);
      expect(before.length, 'the tenant starts with its first admin').toBeGreaterThanOrEqual(1);
      expect(before.map((m) => m.userId)).not.toContain(user.id);

      const added = await client.addUserToDirectoryRole(customer.tenantId, admins!.id, { userId: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName });
      expect(added).toMatchObject({ userId: user.id, userPrincipalName: user.userPrincipalName });
      const after = await client.listDirectoryRoleMembers(customer.tenantId, admins!.id);
      expect(after.map((m) => m.userId)).toContain(user.id);
      expect(after).toHaveLength(before.length + 1);
      await expect(
        client.addUserToDirectoryRole(customer.tenantId, admins!.id, { userId: user.id, userPrincipalName: user.userPrincipalName }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });
  });
}
