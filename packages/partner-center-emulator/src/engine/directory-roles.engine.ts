import { createHash } from 'node:crypto';
import { EntraRole } from '@csphub/partner-center/wire';
import type { Engine } from './engine';
import type { CustomerUserRecord } from './emulator-state';
import type { Principal } from '../protocol/tokens';
import * as pcErrors from '../errors/pc-errors';
import { recordAudit } from './events';

/** GDAP roles to read directory roles and their members ("Get user roles for a customer"). */
export const ROLES_TO_READ_DIRECTORY_ROLES = [
  EntraRole.directoryReaders,
  EntraRole.globalReader,
  EntraRole.userAdministrator,
  EntraRole.privilegedRoleAdministrator,
  EntraRole.directoryWriters,
];
/** GDAP role to add or remove role members ("Set user roles for a customer", §12.5). */
export const ROLES_TO_SET_DIRECTORY_ROLES = [EntraRole.privilegedRoleAdministrator];

/**
 * The directory roles every emulated tenant has, by Entra template id, with the names Partner Center
 * answers (the directory's legacy names: Global Administrator is "Company Administrator").
 */
export const TENANT_DIRECTORY_ROLES: readonly { templateId: string; name: string }[] = [
  { templateId: EntraRole.globalAdministrator, name: 'Company Administrator' },
  { templateId: EntraRole.userAdministrator, name: 'User Account Administrator' },
  { templateId: EntraRole.helpdeskAdministrator, name: 'Helpdesk Administrator' },
  { templateId: EntraRole.billingAdministrator, name: 'Billing Administrator' },
  { templateId: EntraRole.serviceSupportAdministrator, name: 'Service Support Administrator' },
  { templateId: EntraRole.licenseAdministrator, name: 'License Administrator' },
  { templateId: EntraRole.privilegedRoleAdministrator, name: 'Privileged Role Administrator' },
  { templateId: EntraRole.directoryReaders, name: 'Directory Readers' },
  { templateId: EntraRole.globalReader, name: 'Global Reader' },
];

export interface TenantDirectoryRole {
  /** The role object in this tenant (differs per tenant, like in Entra). */
  id: string;
  templateId: string;
  name: string;
}

/** A stable per-tenant GUID for a role, so clients must look roles up by name as with the real service. */
function roleObjectId(tenantId: string, templateId: string): string {
  const h = createHash('sha1').update(`${tenantId.toLowerCase()}:role:${templateId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function listDirectoryRoles(customerTenantId: string): TenantDirectoryRole[] {
  return TENANT_DIRECTORY_ROLES.map((r) => ({ id: roleObjectId(customerTenantId, r.templateId), templateId: r.templateId, name: r.name }));
}

/** The role by its object id in this tenant (or its template id, which Entra also accepts); 404 otherwise. */
export function getDirectoryRole(customerTenantId: string, roleId: string): TenantDirectoryRole {
  const id = roleId.toLowerCase();
  const role = listDirectoryRoles(customerTenantId).find((r) => r.id === id || r.templateId === id);
  if (!role) throw pcErrors.notFound(`Directory role ${roleId}`);
  return role;
}

/** The template ids of the roles a user is a member of. */
export function rolesOf(user: CustomerUserRecord): string[] {
  return [...(user.isGlobalAdmin ? [EntraRole.globalAdministrator] : []), ...(user.directoryRoles ?? [])];
}

export function isRoleMember(user: CustomerUserRecord, role: TenantDirectoryRole): boolean {
  return rolesOf(user).includes(role.templateId);
}

export function listRoleMembers(engine: Engine, customerTenantId: string, role: TenantDirectoryRole): CustomerUserRecord[] {
  return Object.values(engine.state.users)
    .filter((u) => u.customerTenantId === customerTenantId && isRoleMember(u, role))
    .sort((a, b) => a.createdAt - b.createdAt || a.userPrincipalName.localeCompare(b.userPrincipalName));
}

function audit(engine: Engine, principal: Principal, user: CustomerUserRecord, role: TenantDirectoryRole, operationType: string): void {
  recordAudit(engine, {
    partnerTenantId: principal.partnerTenantId,
    customerTenantId: user.customerTenantId,
    userPrincipalName: principal.userPrincipalName,
    applicationId: principal.appId,
    resourceType: 'user',
    operationType,
    resourceNewValue: JSON.stringify({ userId: user.id, roleId: role.id, role: role.name }),
  });
}

/**
 * `POST …/directoryroles/{roleId}/usermembers` ("Set user roles for a customer"): the body's `Id` is
 * the customer user; a UPN that is sent must be that user's. Adding a member twice is refused
 * (409), so a caller that retries looks at the members first or treats the conflict as done.
 */
export function addRoleMember(engine: Engine, principal: Principal, user: CustomerUserRecord, role: TenantDirectoryRole, userPrincipalName?: string | null): void {
  if (userPrincipalName && userPrincipalName.toLowerCase() !== user.userPrincipalName.toLowerCase()) {
    throw pcErrors.invalidProperty(`UserPrincipalName ${userPrincipalName} is not the user ${user.id}.`, ['userPrincipalName']);
  }
  if (isRoleMember(user, role)) throw pcErrors.alreadyRoleMember(user.userPrincipalName, role.name);
  if (role.templateId === EntraRole.globalAdministrator) user.isGlobalAdmin = true;
  else user.directoryRoles = [...(user.directoryRoles ?? []), role.templateId];
  audit(engine, principal, user, role, 'add_user_to_directory_role');
  engine.markDirty();
}

/** `DELETE …/directoryroles/{roleId}/usermembers/{userId}`: a tenant keeps at least one Company Administrator. */
export function removeRoleMember(engine: Engine, principal: Principal, user: CustomerUserRecord, role: TenantDirectoryRole): void {
  if (!isRoleMember(user, role)) throw pcErrors.notFound(`Member ${user.id} of directory role ${role.id}`);
  if (role.templateId === EntraRole.globalAdministrator) {
    if (listRoleMembers(engine, user.customerTenantId, role).length <= 1) throw pcErrors.lastGlobalAdministrator();
    user.isGlobalAdmin = false;
  } else user.directoryRoles = (user.directoryRoles ?? []).filter((r) => r !== role.templateId);
  audit(engine, principal, user, role, 'remove_user_from_directory_role');
  engine.markDirty();
}
