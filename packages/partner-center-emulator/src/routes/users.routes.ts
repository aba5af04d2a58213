import { CreateCustomerUserRequestSchema, LicenseUpdateRequestSchema, PcHeader, UpdateCustomerUserRequestSchema, type CustomerUser } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { empty, json } from '../protocol/respond';
import type { CustomerUserRecord } from '../engine/emulator-state';
import {
  ROLES_TO_ASSIGN_LICENSES,
  ROLES_TO_READ_USERS,
  ROLES_TO_WRITE_USERS,
  createUser,
  customerWithRoles,
  deleteUser,
  getUser,
  listUsers,
  subscribedSkus,
  updateLicenses,
  updateUser,
} from '../engine/users.engine';
import { collection, parseSize, seekPage } from '../views/collection.view';

/** The wire CustomerUser; the password is never answered, only whether it must be changed. */
export function toUser(user: CustomerUserRecord): CustomerUser {
  return {
    id: user.id,
    usageLocation: user.usageLocation,
    userPrincipalName: user.userPrincipalName,
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    displayName: user.displayName,
    lastDirectorySyncTime: null,
    userDomainType: 'managed',
    state: user.state,
    softDeletionTime: null,
    ...(user.forceChangePassword !== undefined ? { passwordProfile: { forceChangePassword: user.forceChangePassword } } : {}),
    links: { self: { uri: `/customers/${user.customerTenantId}/users/${user.id}`, method: 'GET', headers: [] } },
    attributes: { objectType: 'CustomerUser' },
  };
}

export function registerUserRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §11 (App+User only; GDAP roles required).
  r.op('users.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_READ_USERS, 'Listing users');
    const url = new URL(ctx.c.req.url);
    const query = [...url.searchParams].filter(([k]) => k.toLowerCase() !== 'seekoperation').map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const page = seekPage(listUsers(engine, tenant.tenantId), {
      basePath: `/v1/customers/${tenant.tenantId}/users`,
      query,
      size: parseSize(ctx.query('size')),
      continuationToken: ctx.c.req.header(PcHeader.continuationToken),
    });
    return json(200, { ...page, items: page.items.map(toUser) });
  });

  r.op('users.create', async (ctx) => {
    const engine = ctx.runtime.engine;
    const input = parseBody(CreateCustomerUserRequestSchema, await ctx.body());
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_WRITE_USERS, 'Creating users');
    return json(201, toUser(createUser(engine, ctx.principal, tenant.tenantId, input)));
  });

  r.op('users.get', (ctx) => {
    const engine = ctx.runtime.engine;
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_READ_USERS, 'Reading users');
    return json(200, toUser(getUser(engine, tenant.tenantId, ctx.param('userId'))));
  });

  // "Update user accounts for a customer" / "Reset user password for a customer".
  r.op('users.update', async (ctx) => {
    const engine = ctx.runtime.engine;
    const input = parseBody(UpdateCustomerUserRequestSchema, await ctx.body());
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_WRITE_USERS, 'Updating users');
    return json(200, toUser(updateUser(engine, ctx.principal, getUser(engine, tenant.tenantId, ctx.param('userId')), input)));
  });

  r.op('users.delete', (ctx) => {
    const engine = ctx.runtime.engine;
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_WRITE_USERS, 'Deleting users');
    deleteUser(engine, getUser(engine, tenant.tenantId, ctx.param('userId')));
    return empty(204);
  });

  r.op('users.licenses.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_READ_USERS, 'Reading licences');
    const user = getUser(engine, tenant.tenantId, ctx.param('userId'));
    const skus = subscribedSkus(engine, tenant.tenantId);
    const items = user.licenses.map((guid) => {
      const sku = skus.find((s) => s.skuGuid === guid);
      return { productSku: { id: guid, name: sku?.name ?? guid, skuPartNumber: sku?.skuPartNumber ?? '' }, servicePlans: [], attributes: { objectType: 'License' } };
    });
    return json(200, collection(items, `/v1/customers/${tenant.tenantId}/users/${user.id}/licenses`));
  });

  r.op('users.licenseUpdates', async (ctx) => {
    const engine = ctx.runtime.engine;
    const input = parseBody(LicenseUpdateRequestSchema, await ctx.body());
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_ASSIGN_LICENSES, 'Assigning licences');
    const user = getUser(engine, tenant.tenantId, ctx.param('userId'));
    updateLicenses(engine, ctx.principal, user, input);
    return json(201, {
      licensesToAssign: input.licensesToAssign ?? null,
      licensesToRemove: input.licensesToRemove ?? null,
      licenseWarnings: [],
      attributes: { objectType: 'LicenseUpdate' },
    });
  });

  r.op('subscribedSkus.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const { tenant } = customerWithRoles(engine, ctx.principal, ctx.param('customerId'), ROLES_TO_READ_USERS, 'Reading subscribed SKUs');
    const items = subscribedSkus(engine, tenant.tenantId).map((s) => ({
      availableUnits: Math.max(0, s.totalUnits - s.consumedUnits),
      activeUnits: s.totalUnits,
      consumedUnits: s.consumedUnits,
      suspendedUnits: s.suspendedUnits,
      totalUnits: s.totalUnits + s.suspendedUnits,
      warningUnits: 0,
      capabilityStatus: s.totalUnits > 0 ? 'Enabled' : 'Suspended',
      productSku: { id: s.skuGuid, name: s.name, skuPartNumber: s.skuPartNumber, targetType: 'User' },
      attributes: { objectType: 'SubscribedSku' },
    }));
    return json(200, collection(items, `/v1/customers/${tenant.tenantId}/subscribedskus`));
  });
}
