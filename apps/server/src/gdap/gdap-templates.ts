import { DEFAULT_GDAP_RELATIONSHIP } from '@csphub/partner-center/wire';
import { AppError, checkGdapTemplate, type GdapTemplateDefinition } from '@csphub/domain';
import type { GdapTemplateRow, Repos } from '@csphub/db';
import type { GdapRequestTemplate } from '@csphub/provisioning';
import type { PartnerCenterClients } from '../partner-center/partner-center-clients';

/** The name of the template seeded on each connection from Microsoft's default GDAP roles. */
export const DEFAULT_TEMPLATE_NAME = 'Microsoft default';

/**
 * Gives every connection without a template one, from today's one definition of Microsoft's
 * default roles (DEFAULT_GDAP_RELATIONSHIP: 730 days, no auto-extend), as its default. Idempotent:
 * a connection that has any template keeps what it has. The seed is the system's, not a person's.
 */
export async function ensureDefaultTemplates(repos: Repos, connectionIds: readonly string[], now: Date): Promise<void> {
  const existing = new Set((await repos.gdap.listTemplates(connectionIds)).map((t) => t.connectionId));
  for (const connectionId of connectionIds) {
    if (existing.has(connectionId)) continue;
    await repos.gdap.addTemplateVersion(
      {
        connectionId,
        name: DEFAULT_TEMPLATE_NAME,
        roles: DEFAULT_GDAP_RELATIONSHIP.roles.map((r) => ({ id: r.id, name: r.name })),
        durationDays: DEFAULT_GDAP_RELATIONSHIP.durationDays,
        autoExtend: DEFAULT_GDAP_RELATIONSHIP.autoExtendDays > 0,
        securityGroups: [],
        createdBy: 'system',
      },
      now,
      true,
    );
  }
}

/** The template a connection's onboarding uses (its default), seeding it when there is none yet. */
export async function defaultTemplateOf(repos: Repos, connectionId: string, now: Date): Promise<GdapTemplateRow> {
  await ensureDefaultTemplates(repos, [connectionId], now);
  const t = await repos.gdap.defaultTemplate(connectionId);
  if (!t) throw new AppError('CONFLICT', 'The connection has GDAP templates but none is the default; choose one as the default.');
  return t;
}

/**
 * The templates an onboarding order of the connection may name: its default first (seeded when
 * there is none), then the latest version of every other template name.
 */
export async function onboardingTemplateChoices(repos: Repos, connectionId: string, now: Date) {
  const byDefault = await defaultTemplateOf(repos, connectionId, now);
  const latest = new Map<string, GdapTemplateRow>();
  // Listed by name, then newest version first: the first row of a name is its latest version.
  for (const t of await repos.gdap.listTemplates([connectionId])) if (!latest.has(t.name)) latest.set(t.name, t);
  const others = [...latest.values()].filter((t) => t.id !== byDefault.id);
  return [byDefault, ...others].map((t) => ({ connectionId, id: t.id, name: t.name, version: t.version, roles: t.roles, durationDays: t.durationDays, autoExtend: t.autoExtend, isDefault: t.id === byDefault.id }));
}

/** The Entra role catalogue of the connection, from Graph (or the emulator): built-in roles, by name. */
export async function readRoleCatalogue(clients: PartnerCenterClients, connectionId: string): Promise<{ id: string; name: string; description: string }[]> {
  const { client } = await clients.forConnection(connectionId);
  const roles = await client.listEntraRoleDefinitions().toArray();
  return roles.filter((r) => r.builtIn).map((r) => ({ id: r.id, name: r.name, description: r.description })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Checks a template against Microsoft's rules and the role catalogue, and names each role as the
 * catalogue does. A 400 names every field to fix.
 */
export async function validatedTemplate(clients: PartnerCenterClients, connectionId: string, t: GdapTemplateDefinition): Promise<GdapTemplateDefinition> {
  const catalogue = await readRoleCatalogue(clients, connectionId);
  const names = new Map(catalogue.map((r) => [r.id, r.name]));
  const issues = checkGdapTemplate(t, new Set(names.keys()));
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', `The GDAP template cannot be used: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}.`, issues);
  return {
    ...t,
    name: t.name.trim(),
    roles: t.roles.map((r) => ({ id: r.id.toLowerCase(), name: names.get(r.id.toLowerCase()) ?? r.name })),
    securityGroups: t.securityGroups.map((g) => ({ ...g, groupId: g.groupId.toLowerCase(), roleIds: g.roleIds.map((x) => x.toLowerCase()) })),
  };
}

/**
 * The GDAP template an onboarding order requests: the one the order names (a template of the
 * order's connection, else a 400 naming `gdapTemplateId`), or the connection's default, seeded from
 * Microsoft's default roles when the connection has none.
 */
export async function onboardingGdapTemplate(repos: Repos, connectionId: string, templateId: number | undefined, now: Date): Promise<GdapRequestTemplate> {
  const t = templateId === undefined ? await defaultTemplateOf(repos, connectionId, now) : await repos.gdap.getTemplate(templateId);
  if (!t || t.connectionId !== connectionId) {
    throw new AppError('VALIDATION_FAILED', `There is no GDAP template ${templateId} for this Partner Center connection.`, [{ field: 'gdapTemplateId', message: "pick a template of the order's connection (GDAP templates page)" }]);
  }
  return { id: t.id, name: t.name, version: t.version, roles: t.roles, durationDays: t.durationDays, autoExtend: t.autoExtend };
}
