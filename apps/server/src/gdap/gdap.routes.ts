// size: the GDAP API in one place: the role catalogue, templates (list, create, new version, default) and a company's relationships and their actions.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError, includesGlobalAdministrator, isWithinPath } from '@csphub/domain';
import type { GdapRelationshipRow, GdapTemplateRow, Repos } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { authErrors, guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { companyInScope, requirePermission } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import type { AppEnv } from '../http/app-env';
import { inTransaction, reposOf } from '../app/server-deps';
import { scopedMutation } from '../channel/scoped-mutation';
import { json, listOf } from '../http/json-content';
import type { GdapDeps } from './gdap-deps';
import { ensureDefaultTemplates, readRoleCatalogue, validatedTemplate } from './gdap-templates';
import { removeGlobalAdministrator } from './gdap-global-admin';
import { gdapStateNow, previewGdapUpgrade, renewGdapRelationship, requestGdapFromTemplate, terminateGdapRelationship, upgradeGdapRelationship, type GdapAuditWriter } from './gdap-relationships';
import {
  GdapActionInputSchema,
  GdapCatalogueRoleSchema,
  GdapRelationshipSchema,
  GdapRequestInputSchema,
  GdapTemplateInputSchema,
  GdapTemplateSchema,
  GdapTemplateVersionInputSchema,
  GdapUpgradePreviewSchema,
  type GdapRelationshipView,
  type GdapTemplateView,
} from './gdap.schema';

const TAG = ['GDAP'];
const TemplateIdParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) });
const CompanyParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) });
const CompanyGdapParam = CompanyParam.extend({ gdapId: z.coerce.number().int().positive().openapi({ param: { name: 'gdapId', in: 'path' } }) });

function templateView(t: GdapTemplateRow): GdapTemplateView {
  return { ...t, createdAt: t.createdAt.toISOString() };
}

export function relationshipView(r: GdapRelationshipRow, templates: Map<number, GdapTemplateRow>, now: Date): GdapRelationshipView {
  const t = r.templateId ? templates.get(r.templateId) : undefined;
  return {
    id: r.id,
    relationshipId: r.relationshipId,
    displayName: r.displayName,
    connectionId: r.connectionId,
    customerTenantId: r.customerTenantId,
    template: t ? { id: t.id, name: t.name, version: t.version } : null,
    state: gdapStateNow(r, now),
    status: r.status,
    roles: r.roles,
    includesGlobalAdministrator: includesGlobalAdministrator(r.roles.map((x) => x.id)),
    durationDays: r.durationDays,
    autoExtend: r.autoExtend,
    approvalUrl: r.approvalUrl,
    accessAssignments: r.accessAssignments,
    runId: r.runId,
    createdAt: r.createdAt.toISOString(),
    activatedAt: r.activatedAt?.toISOString() ?? null,
    endsAt: r.endsAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The distributor's connections (templates belong to them); every partner staff member may read them. */
async function connectionIdsOf(repos: Repos): Promise<string[]> {
  const root = await repos.companies.root();
  return root ? (await repos.connections.list(root.id)).map((c) => c.id) : [];
}

/** A template of the distributor's connections, or 404. */
async function templateInScope(repos: Repos, p: Principal, id: number): Promise<GdapTemplateRow> {
  const t = await repos.gdap.getTemplate(id);
  const root = await repos.companies.root();
  if (!t || !root || !isWithinPath(root.path, p.company.path)) throw new AppError('NOT_FOUND', `There is no GDAP template ${id} among those you can manage.`);
  return t;
}

/**
 * One of the distributor's connections. Templates are written by the distributor's staff
 * (`manage`: the caller's subtree holds the distributor) and read by every partner's staff.
 */
async function connectionOfDistributor(repos: Repos, p: Principal, connectionId: string, manage = true) {
  const root = await repos.companies.root();
  const conn = await repos.connections.get(connectionId);
  if (!root || !conn || conn.ownerCompanyId !== root.id || (manage && !isWithinPath(root.path, p.company.path))) {
    throw new AppError('NOT_FOUND', `There is no Partner Center connection ${connectionId} among those you can see.`, [{ field: 'connectionId', message: 'pick one of the distributor’s connections' }]);
  }
  return conn;
}

const auditOf = (c: Context<AppEnv>, now: Date): GdapAuditWriter => (repos, entry) => writeAudit(c, repos, { ...entry, at: now });

/** What the template routes' scoped mutations check: the caller may manage the distributor's templates. */
const MANAGE_TEMPLATES = { permission: 'gdap.templates.manage', what: 'manage GDAP templates' } as const;

/** The company of a `/companies/{id}/gdap…` route in the caller's subtree, with the caller's permission checked. */
async function scopedCompany(repos: Repos, p: Principal, companyId: number, manage: boolean) {
  const company = await companyInScope(repos, p, companyId);
  if (manage) requirePermission(p, 'gdap.manage', 'request or change GDAP relationships');
  else requirePermission(p, 'sync.read', "read the company's Microsoft links");
  return company;
}

/** Relationship rows as the API answers them, each with the template version it was requested from. */
async function viewsOf(repos: Repos, rows: GdapRelationshipRow[], now: Date): Promise<GdapRelationshipView[]> {
  const templates = new Map((await repos.gdap.listTemplates([...new Set(rows.map((r) => r.connectionId))])).map((t) => [t.id, t]));
  return rows.map((r) => relationshipView(r, templates, now));
}

async function partnerName(repos: Repos): Promise<string> {
  return (await repos.companies.root())?.name ?? 'Your partner';
}

/** GDAP: the role catalogue, versioned role templates, and each company's relationships with their actions. */
export function gdapRoutes(deps: GdapDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/gdap/roles',
        tags: TAG,
        summary: 'The Entra role catalogue a template picks from, read from Microsoft Graph (roleDefinitions)',
        request: { query: z.object({ connectionId: z.string().uuid() }) },
        responses: { 200: { description: 'Built-in Entra roles', content: json(listOf(GdapCatalogueRoleSchema)) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requirePermission(p, 'gdap.templates.read', 'read GDAP templates');
        const conn = await connectionOfDistributor(reposOf(deps), p, c.req.valid('query').connectionId, false);
        return c.json({ items: await readRoleCatalogue(deps.clients, conn.id) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/gdap/templates',
        tags: TAG,
        summary: "The GDAP templates of the distributor's connections, every version, newest first; each connection has a default",
        responses: { 200: { description: 'Templates', content: json(listOf(GdapTemplateSchema)) }, ...authErrors },
      }),
      async (c) => {
        requirePermission(c.var.principal, 'gdap.templates.read', 'read GDAP templates');
        const items = await inTransaction(deps, async (repos) => {
          const ids = await connectionIdsOf(repos);
          await ensureDefaultTemplates(repos, ids, deps.clock.now());
          return repos.gdap.listTemplates(ids);
        });
        return c.json({ items: items.map(templateView) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/gdap/templates',
        tags: TAG,
        summary: 'A new GDAP template (version 1 of its name); roles are checked against the catalogue and Microsoft’s rules',
        request: { body: { required: true, content: json(GdapTemplateInputSchema) } },
        responses: { 201: { description: 'Created', content: json(GdapTemplateSchema) }, 400: problem('A field is not valid'), ...scopedErrors, 409: problem('The name exists; add a version instead') },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const p = c.var.principal;
        requirePermission(p, 'gdap.templates.manage', 'manage GDAP templates');
        await connectionOfDistributor(reposOf(deps), p, body.connectionId);
        const t = await validatedTemplate(deps.clients, body.connectionId, { name: body.name, roles: body.roleIds.map((id) => ({ id, name: id })), durationDays: body.durationDays, autoExtend: body.autoExtend, securityGroups: body.securityGroups });
        const row = await scopedMutation(deps, c, {
          scope: (repos) => connectionOfDistributor(repos, p, body.connectionId),
          ...MANAGE_TEMPLATES,
          run: async ({ repos, now, scoped, audit }) => {
            if (await repos.gdap.latestVersion(body.connectionId, t.name)) throw new AppError('CONFLICT', `A GDAP template named "${t.name}" exists on this connection; add a version to it instead.`, [{ field: 'name', message: 'is already taken on this connection' }]);
            await ensureDefaultTemplates(repos, [body.connectionId], now);
            const created = await repos.gdap.addTemplateVersion({ connectionId: body.connectionId, name: t.name, roles: t.roles, durationDays: t.durationDays, autoExtend: t.autoExtend, securityGroups: t.securityGroups, createdBy: p.label }, now, body.makeDefault);
            await audit({ companyId: scoped.ownerCompanyId, action: 'gdap.template_created', targetType: 'gdap_template', targetId: created.id, summary: `Created GDAP template "${created.name}" v1 (${created.roles.length} roles, ${created.durationDays} days)${created.isDefault ? ' as the default' : ''}`, after: templateView(created) });
            return created;
          },
        });
        return c.json(templateView(row), 201);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/gdap/templates/{id}/versions',
        tags: TAG,
        summary: 'The next version of a template (versions never change once written)',
        request: { params: TemplateIdParam, body: { required: true, content: json(GdapTemplateVersionInputSchema) } },
        responses: { 201: { description: 'Created', content: json(GdapTemplateSchema) }, 400: problem('A field is not valid'), ...scopedErrors },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const p = c.var.principal;
        const base = await templateInScope(reposOf(deps), p, c.req.valid('param').id);
        requirePermission(p, 'gdap.templates.manage', 'manage GDAP templates');
        const t = await validatedTemplate(deps.clients, base.connectionId, { name: base.name, roles: body.roleIds.map((id) => ({ id, name: id })), durationDays: body.durationDays, autoExtend: body.autoExtend, securityGroups: body.securityGroups });
        const row = await scopedMutation(deps, c, {
          scope: (repos) => templateInScope(repos, p, base.id),
          ...MANAGE_TEMPLATES,
          run: async ({ repos, now, scoped, audit }) => {
            const conn = await repos.connections.get(scoped.connectionId);
            const created = await repos.gdap.addTemplateVersion({ connectionId: scoped.connectionId, name: scoped.name, roles: t.roles, durationDays: t.durationDays, autoExtend: t.autoExtend, securityGroups: t.securityGroups, createdBy: p.label }, now, body.makeDefault);
            await audit({ companyId: conn!.ownerCompanyId, action: 'gdap.template_versioned', targetType: 'gdap_template', targetId: created.id, summary: `Added version ${created.version} of GDAP template "${created.name}"`, before: templateView(scoped), after: templateView(created) });
            return created;
          },
        });
        return c.json(templateView(row), 201);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/gdap/templates/{id}/default',
        tags: TAG,
        summary: "Makes this template version its connection's default (onboarding's and the wizard's)",
        request: { params: TemplateIdParam },
        responses: { 200: { description: 'The new default', content: json(GdapTemplateSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const row = await scopedMutation(deps, c, {
          scope: (repos) => templateInScope(repos, p, c.req.valid('param').id),
          ...MANAGE_TEMPLATES,
          run: async ({ repos, scoped, audit }) => {
            const before = await repos.gdap.defaultTemplate(scoped.connectionId);
            const after = await repos.gdap.setDefaultTemplate(scoped);
            const conn = await repos.connections.get(scoped.connectionId);
            await audit({ companyId: conn!.ownerCompanyId, action: 'gdap.template_default_set', targetType: 'gdap_template', targetId: after.id, summary: `Made GDAP template "${after.name}" v${after.version} the default of connection "${conn!.name}"`, before: before ? { id: before.id, name: before.name, version: before.version } : null, after: { id: after.id, name: after.name, version: after.version } });
            return after;
          },
        });
        return c.json(templateView(row), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/gdap',
        tags: TAG,
        summary: "The company's GDAP relationships as last seen (kept by the runs and the scheduled check), newest first",
        request: { params: CompanyParam },
        responses: { 200: { description: 'Relationships', content: json(listOf(GdapRelationshipSchema)) }, ...scopedErrors },
      }),
      async (c) => {
        const repos = reposOf(deps);
        const company = await scopedCompany(repos, c.var.principal, c.req.valid('param').id, false);
        return c.json({ items: await viewsOf(repos, await repos.gdap.listRelationships(company.id), deps.clock.now()) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/gdap',
        tags: TAG,
        summary: 'Request GDAP from a template: starts the durable run (create, approval, access assignments, active)',
        request: { params: CompanyParam, body: { required: true, content: json(GdapRequestInputSchema) } },
        responses: { 202: { description: 'The run started', content: json(z.object({ relationship: GdapRelationshipSchema, runId: z.string() })) }, 400: problem('A field is not valid'), ...scopedErrors, 409: problem('Already requested, or no tenant'), 503: problem('Durable runs unavailable') },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const repos = reposOf(deps);
        const company = await scopedCompany(repos, c.var.principal, c.req.valid('param').id, true);
        const now = deps.clock.now();
        const { gdap, runId } = await requestGdapFromTemplate(deps, { company, templateId: body.templateId, emailCustomerAdmin: body.emailCustomerAdmin, partnerName: await partnerName(repos), audit: auditOf(c, now) });
        return c.json({ relationship: (await viewsOf(repos, [gdap], now))[0]!, runId }, 202);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/gdap/{gdapId}/upgrade-preview',
        tags: TAG,
        summary: 'What upgrading the relationship to another template version changes (roles added, removed, kept)',
        request: { params: CompanyGdapParam, query: z.object({ templateId: z.coerce.number().int().positive() }) },
        responses: { 200: { description: 'The difference', content: json(GdapUpgradePreviewSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const repos = reposOf(deps);
        const { id, gdapId } = c.req.valid('param');
        const company = await scopedCompany(repos, c.var.principal, id, false);
        return c.json(await previewGdapUpgrade(repos, company.id, gdapId, c.req.valid('query').templateId), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/gdap/{gdapId}/actions',
        tags: TAG,
        summary: 'Renew before expiry, terminate, upgrade to another template version (re-requests it), or remove Global Administrator and turn auto-extend on',
        request: { params: CompanyGdapParam, body: { required: true, content: json(GdapActionInputSchema) } },
        responses: { 200: { description: 'Done or started', content: json(z.object({ relationship: GdapRelationshipSchema, runId: z.string().nullable() })) }, 400: problem('A field is not valid'), ...scopedErrors, 409: problem('Not possible in this state'), 503: problem('Durable runs unavailable') },
      }),
      async (c) => {
        const body = c.req.valid('json');
        const repos = reposOf(deps);
        const { id, gdapId } = c.req.valid('param');
        const company = await scopedCompany(repos, c.var.principal, id, true);
        const now = deps.clock.now();
        const audit = auditOf(c, now);
        const common = { company, emailCustomerAdmin: body.emailCustomerAdmin, partnerName: await partnerName(repos), audit };
        let out: { gdap: GdapRelationshipRow; runId: string | null };
        if (body.action === 'terminate') out = { gdap: await terminateGdapRelationship(deps, { company, gdapId, audit }), runId: null };
        else if (body.action === 'remove-global-admin') out = { gdap: (await removeGlobalAdministrator({ ...deps, clientFor: async (id) => (await deps.clients.forConnection(id)).client }, { company, gdapId, audit })).gdap, runId: null };
        else if (body.action === 'renew') out = await renewGdapRelationship(deps, { ...common, gdapId });
        else {
          if (!body.templateId) throw new AppError('VALIDATION_FAILED', 'Upgrading needs the template to upgrade to.', [{ field: 'templateId', message: 'is required to upgrade' }]);
          out = await upgradeGdapRelationship(deps, { ...common, gdapId, templateId: body.templateId });
        }
        return c.json({ relationship: (await viewsOf(repos, [out.gdap], now))[0]!, runId: out.runId }, 200);
      },
    );
}
