import { createHash } from 'node:crypto';
import { EntraRole, type CreateCustomerUserRequest, type LicenseUpdateRequest, type UpdateCustomerUserRequest } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { CustomerUserRecord } from './emulator-state';
import type { Principal } from '../protocol/tokens';
import * as pcErrors from '../errors/pc-errors';
import { getVisibleCustomer } from './customers.engine';
import { hasActiveGdap } from './gdap.engine';
import { findCatalogItem } from './catalog.engine';
import { recordAudit } from './events';
import { passwordDigest, passwordProblem } from './password-policy';

/** GDAP roles each user/licence operation needs (docs/PARTNER-CENTER-REFERENCE.md §11). */
export const ROLES_TO_READ_USERS = [EntraRole.directoryReaders, EntraRole.globalReader, EntraRole.userAdministrator, EntraRole.directoryWriters];
export const ROLES_TO_WRITE_USERS = [EntraRole.userAdministrator, EntraRole.directoryWriters];
export const ROLES_TO_ASSIGN_LICENSES = [EntraRole.licenseAdministrator, EntraRole.userAdministrator, EntraRole.directoryWriters];

/** The customer, after checking that the partner holds an active GDAP relationship with one of `roles`. */
export function customerWithRoles(engine: Engine, principal: Principal, customerTenantId: string, roles: readonly string[], task: string) {
  const view = getVisibleCustomer(engine, principal.partnerTenantId, customerTenantId);
  if (!hasActiveGdap(engine, principal.partnerTenantId, view.tenant.tenantId, roles)) {
    throw pcErrors.insufficientPrivileges(`${task} needs an active GDAP relationship with one of the roles ${roles.join(', ')}.`);
  }
  return view;
}

/** A stable GUID for a product SKU (`productSku.id` of subscribed SKUs). */
export function skuGuid(productId: string, skuId: string): string {
  const h = createHash('sha1').update(`${productId.toUpperCase()}:${skuId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface SubscribedSkuSummary {
  skuGuid: string;
  productId: string;
  skuId: string;
  name: string;
  skuPartNumber: string;
  totalUnits: number;
  consumedUnits: number;
  suspendedUnits: number;
}

/** Licences of a tenant: every partner's active subscriptions, by SKU, with the units consumed. */
export function subscribedSkus(engine: Engine, customerTenantId: string): SubscribedSkuSummary[] {
  const bySku = new Map<string, SubscribedSkuSummary>();
  for (const sub of Object.values(engine.state.subscriptions)) {
    if (sub.customerTenantId !== customerTenantId || sub.productType === 'Azure') continue;
    if (sub.status !== 'active' && sub.status !== 'suspended') continue;
    const guid = skuGuid(sub.productId, sub.skuId);
    const item = findCatalogItem(engine.state.scenario.catalog, sub.offerId);
    const entry = bySku.get(guid) ?? {
      skuGuid: guid,
      productId: sub.productId,
      skuId: sub.skuId,
      name: item?.sku.title ?? sub.offerName,
      skuPartNumber: item?.sku.skuPartNumber ?? sub.skuId,
      totalUnits: 0,
      consumedUnits: 0,
      suspendedUnits: 0,
    };
    if (sub.status === 'active') entry.totalUnits += sub.quantity;
    else entry.suspendedUnits += sub.quantity;
    bySku.set(guid, entry);
  }
  for (const user of Object.values(engine.state.users)) {
    if (user.customerTenantId !== customerTenantId) continue;
    for (const guid of user.licenses) {
      const entry = bySku.get(guid);
      if (entry) entry.consumedUnits += 1;
    }
  }
  return [...bySku.values()];
}

export function listUsers(engine: Engine, customerTenantId: string): CustomerUserRecord[] {
  return Object.values(engine.state.users)
    .filter((u) => u.customerTenantId === customerTenantId)
    .sort((a, b) => a.createdAt - b.createdAt || a.userPrincipalName.localeCompare(b.userPrincipalName));
}

export function getUser(engine: Engine, customerTenantId: string, userId: string): CustomerUserRecord {
  const user = engine.state.users[userId.toLowerCase()] ?? engine.state.users[userId];
  if (!user || user.customerTenantId !== customerTenantId) throw pcErrors.notFound(`User ${userId}`);
  return user;
}

/**
 * `POST /v1/customers/{id}/users` (docs/PARTNER-CENTER-REFERENCE.md §11, "Create user accounts for a customer"): the UPN must be in
 * one of the tenant's domains and unused; the password must meet Entra's rule; the user must
 * change it at the first sign-in when `passwordProfile.forceChangePassword` is true.
 */
export function createUser(engine: Engine, principal: Principal, customerTenantId: string, input: CreateCustomerUserRequest): CustomerUserRecord {
  const tenant = engine.state.tenants[customerTenantId]!;
  const upn = input.userPrincipalName.toLowerCase();
  const domain = upn.slice(upn.indexOf('@') + 1);
  if (domain !== tenant.initialDomain && !tenant.customDomains.includes(domain)) {
    throw pcErrors.upnDomainNotOwned(domain, [tenant.initialDomain, ...tenant.customDomains]);
  }
  if (Object.values(engine.state.users).some((u) => u.userPrincipalName.toLowerCase() === upn)) throw pcErrors.userAlreadyExists(input.userPrincipalName);
  const weak = passwordProblem(input.passwordProfile.password, input.userPrincipalName);
  if (weak) throw pcErrors.passwordNotComplex(weak);
  const user: CustomerUserRecord = {
    id: engine.newId(),
    customerTenantId,
    userPrincipalName: input.userPrincipalName,
    firstName: input.firstName,
    lastName: input.lastName,
    displayName: input.displayName,
    usageLocation: input.usageLocation.toUpperCase(),
    state: 'active',
    isGlobalAdmin: false,
    forceChangePassword: input.passwordProfile.forceChangePassword,
    passwordSha256: passwordDigest(input.passwordProfile.password),
    licenses: [],
    createdAt: engine.now(),
  };
  engine.state.users[user.id] = user;
  recordAudit(engine, {
    partnerTenantId: principal.partnerTenantId,
    customerTenantId,
    userPrincipalName: principal.userPrincipalName,
    applicationId: principal.appId,
    resourceType: 'user',
    operationType: 'create_customer_user',
    resourceNewValue: JSON.stringify({ id: user.id, userPrincipalName: user.userPrincipalName }),
  });
  engine.markDirty();
  return user;
}

/**
 * `PATCH /v1/customers/{id}/users/{userId}` (docs/PARTNER-CENTER-REFERENCE.md §11, "Update user accounts" and "Reset user password
 * for a customer"): changes only what is sent. A new `passwordProfile` replaces the password and
 * the first-sign-in rule.
 */
export function updateUser(engine: Engine, principal: Principal, user: CustomerUserRecord, input: UpdateCustomerUserRequest): CustomerUserRecord {
  if (input.passwordProfile) {
    const weak = passwordProblem(input.passwordProfile.password, user.userPrincipalName);
    if (weak) throw pcErrors.passwordNotComplex(weak);
  }
  if (input.displayName !== undefined) user.displayName = input.displayName;
  if (input.firstName !== undefined) user.firstName = input.firstName;
  if (input.lastName !== undefined) user.lastName = input.lastName;
  if (input.usageLocation !== undefined) user.usageLocation = input.usageLocation.toUpperCase();
  if (input.passwordProfile) {
    user.passwordSha256 = passwordDigest(input.passwordProfile.password);
    user.forceChangePassword = input.passwordProfile.forceChangePassword;
  }
  recordAudit(engine, {
    partnerTenantId: principal.partnerTenantId,
    customerTenantId: user.customerTenantId,
    userPrincipalName: principal.userPrincipalName,
    applicationId: principal.appId,
    resourceType: 'user',
    operationType: input.passwordProfile ? 'reset_customer_user_password' : 'update_customer_user',
    resourceNewValue: JSON.stringify({ id: user.id, userPrincipalName: user.userPrincipalName }),
  });
  engine.markDirty();
  return user;
}

export function deleteUser(engine: Engine, user: CustomerUserRecord): void {
  delete engine.state.users[user.id];
  engine.markDirty();
}

/**
 * `POST …/users/{userId}/licenseupdates` (docs/PARTNER-CENTER-REFERENCE.md §11): assigns and removes licences; 60012 when a SKU has no
 * free unit; a usage location is required to assign.
 */
export function updateLicenses(engine: Engine, principal: Principal, user: CustomerUserRecord, input: LicenseUpdateRequest): void {
  const skus = subscribedSkus(engine, user.customerTenantId);
  const toAssign = (input.licensesToAssign ?? []).map((l) => l.skuId.toLowerCase());
  const toRemove = (input.licensesToRemove ?? []).map((id) => id.toLowerCase());
  if (toAssign.length === 0 && toRemove.length === 0) throw pcErrors.invalidProperty('licensesToAssign or licensesToRemove must list at least one SKU.', ['licensesToAssign']);
  for (const guid of toAssign) {
    const sku = skus.find((s) => s.skuGuid === guid);
    if (!sku) throw pcErrors.invalidProperty(`SKU ${guid} is not among the customer's subscribed SKUs.`, ['licensesToAssign']);
    if (user.licenses.includes(guid)) continue;
    if (!user.usageLocation) throw pcErrors.invalidProperty('The user has no usageLocation; set it before assigning licences.', ['usageLocation']);
    if (sku.consumedUnits >= sku.totalUnits) throw pcErrors.licensesExhausted(guid);
  }
  for (const guid of toRemove) {
    if (!user.licenses.includes(guid)) throw pcErrors.invalidProperty(`The user has no licence for SKU ${guid}.`, ['licensesToRemove']);
  }
  user.licenses = [...user.licenses.filter((l) => !toRemove.includes(l)), ...toAssign.filter((g) => !user.licenses.includes(g))];
  recordAudit(engine, {
    partnerTenantId: principal.partnerTenantId,
    customerTenantId: user.customerTenantId,
    userPrincipalName: principal.userPrincipalName,
    applicationId: principal.appId,
    resourceType: 'license',
    operationType: 'update_customer_user_licenses',
    resourceNewValue: JSON.stringify({ userId: user.id, licenses: user.licenses }),
  });
  engine.markDirty();
}
