import type { CompanyKind } from '../channel/company-kind';

/**
 * The roles of the channel. A role is held in one company and applies to that company's whole
 * subtree; which kinds of company can hold it is fixed (a reseller cannot have a distributor admin).
 */
export const ROLES = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator', 'customer_admin', 'billing_reader'] as const;
export type Role = (typeof ROLES)[number];

/** The company kinds a role can be held in. */
export const ROLE_COMPANY_KINDS: Record<Role, readonly CompanyKind[]> = {
  distributor_admin: ['distributor'],
  distributor_operator: ['distributor'],
  reseller_admin: ['reseller'],
  reseller_operator: ['reseller'],
  customer_admin: ['customer'],
  billing_reader: ['distributor', 'reseller', 'customer'],
};

/** Every action the access rules know about. Routes name one; the table below decides. */
export const PERMISSIONS = [
  'company.read',
  'company.update',
  'company.create',
  'company.move',
  'company.deactivate',
  'billing.read',
  'users.read',
  'users.manage',
  'tokens.manage',
  'audit.read',
  'audit.verify',
  'sync.read',
  'sync.manage',
  'connections.read',
  'connections.manage',
  'settings.manage',
  'webhooks.manage',
  'notifications.manage',
  'gdap.templates.read',
  'gdap.templates.manage',
  'gdap.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ADMIN_OF_SUBTREE: Permission[] = [
  'company.read',
  'company.update',
  'company.create',
  'company.deactivate',
  'billing.read',
  'users.read',
  'users.manage',
  'tokens.manage',
  'audit.read',
  'sync.read',
  'sync.manage',
  'webhooks.manage',
  'notifications.manage',
];
const OPERATOR: Permission[] = ['company.read', 'company.update', 'company.create', 'billing.read', 'users.read', 'audit.read', 'sync.read', 'sync.manage'];
/** GDAP: partner staff read the templates and act on relationships; the distributor's staff write the templates. */
const GDAP_STAFF: Permission[] = ['gdap.templates.read', 'gdap.manage'];

/**
 * What each role may do inside its subtree. Moving customers, managing Partner Center connections
 * and checking the whole audit chain are the distributor admin's alone; operators work on companies
 * but do not manage people; a read-only billing user reads the company and its billing data and
 * nothing else.
 */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  distributor_admin: new Set<Permission>([...ADMIN_OF_SUBTREE, ...GDAP_STAFF, 'company.move', 'connections.read', 'connections.manage', 'settings.manage', 'audit.verify', 'gdap.templates.manage']),
  distributor_operator: new Set<Permission>([...OPERATOR, ...GDAP_STAFF, 'connections.read', 'gdap.templates.manage']),
  reseller_admin: new Set<Permission>([...ADMIN_OF_SUBTREE, ...GDAP_STAFF]),
  reseller_operator: new Set<Permission>([...OPERATOR, ...GDAP_STAFF]),
  customer_admin: new Set<Permission>(['company.read', 'company.update', 'billing.read', 'users.read', 'users.manage', 'tokens.manage', 'audit.read', 'sync.read']),
  billing_reader: new Set<Permission>(['company.read', 'billing.read']),
};

/** True when the role grants the permission (within the holder's subtree). */
export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** True when a role may be held in a company of this kind. */
export function isRoleAllowedFor(role: Role, kind: CompanyKind): boolean {
  return ROLE_COMPANY_KINDS[role].includes(kind);
}

/**
 * True when `granter` may hand out `role` (to a user or an API token): never more than the granter
 * holds, so an admin cannot mint a token stronger than themselves.
 */
export function canGrantRole(granter: Role, role: Role): boolean {
  const mine = ROLE_PERMISSIONS[granter];
  for (const p of ROLE_PERMISSIONS[role]) if (!mine.has(p)) return false;
  return true;
}

/** True when `value` is one of the roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
