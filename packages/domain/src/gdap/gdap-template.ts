/**
 * GDAP role templates: named, versioned sets of Entra roles with a duration, auto-extend and
 * the partner security groups each role is given to. Microsoft's rules (Graph
 * "delegatedAdminRelationship" resource, docs/PARTNER-CENTER-REFERENCE.md §12.3): a duration of
 * 1 to 730 days (P730D), auto-extend by 180 days only without the Global Administrator role.
 */

/** Entra's built-in Global Administrator role template id. */
export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';
/** Two years, Microsoft's maximum (P730D). */
export const GDAP_MAX_DURATION_DAYS = 730;
/** What auto-extend adds at the end date (P180D). */
export const GDAP_AUTO_EXTEND_DAYS = 180;
export const GDAP_TEMPLATE_NAME_MAX = 60;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface GdapTemplateRole {
  /** Entra role template id (roleDefinitionId). */
  id: string;
  name: string;
}

/** A partner security group and the template roles it is assigned (one access assignment). */
export interface GdapTemplateGroup {
  groupId: string;
  name: string;
  roleIds: string[];
}

export interface GdapTemplateDefinition {
  name: string;
  roles: GdapTemplateRole[];
  durationDays: number;
  autoExtend: boolean;
  securityGroups: GdapTemplateGroup[];
}

export interface GdapTemplateIssue {
  field: string;
  message: string;
}

/** True when the roles include Global Administrator (Microsoft then refuses auto-extend). */
export function includesGlobalAdministrator(roleIds: readonly string[]): boolean {
  return roleIds.some((id) => id.toLowerCase() === GLOBAL_ADMINISTRATOR_ROLE_ID);
}

/** Whether a relationship with these roles may auto-extend. */
export function canAutoExtend(roleIds: readonly string[]): boolean {
  return !includesGlobalAdministrator(roleIds);
}

/**
 * Everything wrong with a template, each naming the field to fix; empty when Microsoft would take
 * a relationship built from it. `knownRoleIds`, when given, is the role catalogue read from Graph.
 */
export function checkGdapTemplate(t: GdapTemplateDefinition, knownRoleIds?: ReadonlySet<string>): GdapTemplateIssue[] {
  const issues: GdapTemplateIssue[] = [];
  const name = t.name.trim();
  if (name.length === 0) issues.push({ field: 'name', message: 'is required' });
  else if (name.length > GDAP_TEMPLATE_NAME_MAX) issues.push({ field: 'name', message: `must be at most ${GDAP_TEMPLATE_NAME_MAX} characters` });
  if (t.roles.length === 0) issues.push({ field: 'roles', message: 'must list at least one Entra role' });
  const seen = new Set<string>();
  t.roles.forEach((r, i) => {
    const id = r.id.toLowerCase();
    if (!GUID.test(r.id)) issues.push({ field: `roles.${i}.id`, message: 'must be an Entra role template id (a GUID)' });
    else if (seen.has(id)) issues.push({ field: `roles.${i}.id`, message: 'is listed twice' });
    else if (knownRoleIds && !knownRoleIds.has(id)) issues.push({ field: `roles.${i}.id`, message: 'is not a role of the catalogue Microsoft Graph returned' });
    seen.add(id);
  });
  if (!Number.isInteger(t.durationDays) || t.durationDays < 1 || t.durationDays > GDAP_MAX_DURATION_DAYS) {
    issues.push({ field: 'durationDays', message: `must be a whole number of days from 1 to ${GDAP_MAX_DURATION_DAYS} (P${GDAP_MAX_DURATION_DAYS}D)` });
  }
  if (t.autoExtend && includesGlobalAdministrator(t.roles.map((r) => r.id))) {
    issues.push({ field: 'autoExtend', message: 'is not allowed with the Global Administrator role (Microsoft refuses it); remove the role or turn auto-extend off' });
  }
  const groups = new Set<string>();
  t.securityGroups.forEach((g, i) => {
    if (!GUID.test(g.groupId)) issues.push({ field: `securityGroups.${i}.groupId`, message: 'must be a security group object id (a GUID)' });
    else if (groups.has(g.groupId.toLowerCase())) issues.push({ field: `securityGroups.${i}.groupId`, message: 'is listed twice; give one group all its roles' });
    groups.add(g.groupId.toLowerCase());
    if (g.roleIds.length === 0) issues.push({ field: `securityGroups.${i}.roleIds`, message: 'must list at least one role of the template' });
    g.roleIds.forEach((id, j) => {
      if (!seen.has(id.toLowerCase())) issues.push({ field: `securityGroups.${i}.roleIds.${j}`, message: 'is not one of the template roles' });
    });
  });
  return issues;
}

/** Roles added, removed and kept going from one template (or relationship) to another. */
export function gdapRoleDifference(from: readonly string[], to: readonly string[]): { added: string[]; removed: string[]; kept: string[] } {
  const a = new Set(from.map((x) => x.toLowerCase()));
  const b = new Set(to.map((x) => x.toLowerCase()));
  return {
    added: [...b].filter((x) => !a.has(x)).sort(),
    removed: [...a].filter((x) => !b.has(x)).sort(),
    kept: [...a].filter((x) => b.has(x)).sort(),
  };
}

/**
 * The relationship's display name, derived from what is asked so that a retried or crashed run
 * finds the relationship it made instead of making a second one (Graph requires it unique per
 * partner, at most 50 characters). `attempt` counts deliberate re-requests (renew, upgrade).
 */
export function gdapRelationshipDisplayName(input: { companyId: number; templateId: number; templateVersion: number; attempt: number }): string {
  return `CSPHub-${input.companyId}-t${input.templateId}v${input.templateVersion}-${input.attempt}`.slice(0, 50);
}
