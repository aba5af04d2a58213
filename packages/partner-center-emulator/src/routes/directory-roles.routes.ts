import { AddUserMemberRequestSchema } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { empty, json } from '../protocol/respond';
import type { CustomerUserRecord } from '../engine/emulator-state';
import { customerWithRoles, getUser } from '../engine/users.engine';
import {
  ROLES_TO_READ_DIRECTORY_ROLES,
  ROLES_TO_SET_DIRECTORY_ROLES,
  addRoleMember,
  getDirectoryRole,
  listDirectoryRoles,
  listRoleMembers,
  removeRoleMember,
  type TenantDirectoryRole,
} from '../engine/directory-roles.engine';
import { collection } from '../views/collection.view';

function toUserMember(user: CustomerUserRecord, role: TenantDirectoryRole) {
  return { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName, roleId: role.id, attributes: { objectType: 'UserMember' } };
}

/**
 * Directory roles of a customer tenant and their user members (docs/PARTNER-CENTER-REFERENCE.md §11; Partner
 * Center "Get user roles for a customer", "Set user roles for a customer", "Remove a customer user
 * from a role"). App+User only; GDAP roles as the docs list them.
 */
export function registerDirectoryRoleRoutes(r: ApiRouter): void {
  r.op('directoryRoles.list', (ctx) => {
    const { tenant } = customerWithRoles(ctx.runtime.engine, ctx.principal, ctx.param('customerId'), ROLES_TO_READ_DIRECTORY_ROLES, 'Reading directory roles');
    const items = listDirectoryRoles(tenant.tenantId).map((role) => ({ name: role.name, id: role.id, attributes: { objectType: 'DirectoryRole' } }));
    return json(200, collection(items, `/v1/customers/${tenant.tenantId}/directoryroles`));
  });

  r.op('directoryRoles.members.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_READ_DIRECTORY_ROLES, 'Reading directory role members');
    const role = getDirectoryRole(tenant.tenantId, ctx.param('roleId'));
    const items = listRoleMembers(engine, tenant.tenantId, role).map((u) => toUserMember(u, role));
    return json(200, collection(items, `/v1/customers/${tenant.tenantId}/directoryroles/${role.id}/usermembers`));
  });

  r.op('directoryRoles.members.add', async (ctx) => {
    const engine = ctx.runtime.engine;
    const input = parseBody(AddUserMemberRequestSchema, await ctx.body());
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_SET_DIRECTORY_ROLES, 'Setting user roles');
    const role = getDirectoryRole(tenant.tenantId, ctx.param('roleId'));
    const user = getUser(engine, tenant.tenantId, input.id);
    addRoleMember(engine, ctx.principal, user, role, input.userPrincipalName);
    return json(201, toUserMember(user, role));
  });

  r.op('directoryRoles.members.remove', (ctx) => {
    const engine = ctx.runtime.engine;
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_SET_DIRECTORY_ROLES, 'Removing user roles');
    const role = getDirectoryRole(tenant.tenantId, ctx.param('roleId'));
    removeRoleMember(engine, ctx.principal, getUser(engine, tenant.tenantId, ctx.param('userId')), role);
    return empty(204);
  });
}
