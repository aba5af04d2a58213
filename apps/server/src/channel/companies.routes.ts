import { createRoute } from '@hono/zod-openapi';
import { AppError, canBeChildOf, changedFields, partnerOfRecordIdOf } from '@csphub/domain';
import type { CompanyRow } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { authErrors, guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { scopedMutation } from './scoped-mutation';
import { CompanyCreateSchema, CompanyPatchSchema, CompanySchema, IdParamSchema, TreeSchema } from './company.schema';
import { auditStateOf, toCompanyDto } from './company-dto';
import { normalizeCompanyFields } from './company-fields';
import { subtreeWithParents, toTreeNode } from './company-tree.routes';

import { json } from '../http/json-content';

/** GET /companies/tree, POST /companies, GET and PATCH /companies/{id}. */
export function companiesRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/tree',
        tags: ['Companies'],
        summary: "The caller's subtree: every company they can see, parents first",
        responses: { 200: { description: 'Flat list with parent ids; build the tree on the client', content: json(TreeSchema) }, ...authErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requirePermission(p, 'company.read', 'see companies');
        const repos = reposOf(deps);
        const { rows, policy, parentOf } = await subtreeWithParents(repos, p);
        const nodes = rows.map((r) => toTreeNode(r, parentOf(r), policy, p.company.id));
        return c.json({ rootId: p.company.id, nodes }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}',
        tags: ['Companies'],
        summary: 'One company with its breadcrumbs (404 outside the caller\'s subtree)',
        request: { params: IdParamSchema },
        responses: { 200: { description: 'The company', content: json(CompanySchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const company = await companyInScope(repos, p, c.req.valid('param').id);
        requirePermission(p, 'company.read', 'see companies');
        return c.json(await toCompanyDto(repos, p, company), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies',
        tags: ['Companies'],
        summary: 'Create a reseller (distributor staff) or a customer under a reseller or the distributor',
        request: { body: { required: true, content: json(CompanyCreateSchema) } },
        responses: {
          201: { description: 'Created', content: json(CompanySchema) },
          400: problem('A field is not valid; `errors` names each'),
          ...scopedErrors,
          409: problem('The parent is deactivated'),
          422: problem('This kind of company cannot sit under that parent'),
        },
      }),
      async (c) => {
        const { parentId, kind, ...fields } = c.req.valid('json');
        const created = await scopedMutation(deps, c, {
          scope: (repos, p) => companyInScope(repos, p, parentId),
          permission: 'company.create', what: 'create companies',
          run: async ({ repos, principal: p, now, scoped: parent, audit }) => {
            if (!canBeChildOf(kind, parent.kind)) {
              throw new AppError('HIERARCHY_INVALID', `A ${kind} cannot be created under a ${parent.kind}: resellers go under the distributor, customers under a reseller or the distributor.`);
            }
            if (parent.status !== 'active') throw new AppError('COMPANY_INACTIVE', `${parent.name} is deactivated; reactivate it before adding companies to it.`);
            if (fields.partnerId && !p.role.startsWith('distributor_')) throw new AppError('FORBIDDEN', "Only the distributor's staff set a reseller's Partner ID.");
            if (fields.partnerLocationId && !p.role.startsWith('distributor_')) throw new AppError('FORBIDDEN', "Only the distributor's staff set a reseller's Partner Location ID.");
            const clean = normalizeCompanyFields(fields, { kind }, parent.kind);
            const row = await repos.companies.create({ ...clean, kind, parent, name: clean.name ?? fields.name, now });
            await audit({
              companyId: row.id,
              action: 'company.created',
              targetType: 'company',
              targetId: row.id,
              summary: `Created ${kind} ${row.name} (${row.id}) under ${parent.name} (${parent.id})`,
              after: auditStateOf(row),
            });
            return row;
          },
        });
        return c.json(await toCompanyDto(reposOf(deps), c.var.principal, created), 201);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'patch',
        path: '/companies/{id}',
        tags: ['Companies'],
        summary: 'Change some fields of a company (inline edit); answers the whole company',
        request: { params: IdParamSchema, body: { required: true, content: json(CompanyPatchSchema) } },
        responses: {
          200: { description: 'Updated', content: json(CompanySchema) },
          400: problem('A field is not valid; `errors` names each'),
          ...scopedErrors,
          409: problem('The company is deactivated'),
        },
      }),
      async (c) => {
        const patch = c.req.valid('json');
        const updated = await scopedMutation(deps, c, {
          scope: (repos, p) => companyInScope(repos, p, c.req.valid('param').id),
          permission: 'company.update', what: 'change company details',
          run: async ({ repos, principal: p, now, scoped: company, audit }) => {
            if (company.status !== 'active') throw new AppError('COMPANY_INACTIVE', `${company.name} is deactivated; reactivate it before changing it.`);
            if ('partnerId' in patch && patch.partnerId !== company.partnerId && !p.role.startsWith('distributor_')) {
              throw new AppError('FORBIDDEN', "Only the distributor's staff change a reseller's Partner ID.");
            }
            if ('partnerLocationId' in patch && (patch.partnerLocationId ?? null) !== company.partnerLocationId && !p.role.startsWith('distributor_')) {
              throw new AppError('FORBIDDEN', "Only the distributor's staff change a reseller's Partner Location ID.");
            }
            const parent: CompanyRow | undefined = company.parentId ? await repos.companies.get(company.parentId) : undefined;
            const clean = normalizeCompanyFields(patch, company, parent?.kind ?? null);
            // Microsoft's verdict was on the ID that changed: a new partner-of-record ID is unchecked
            // until the next revalidation (docs/PARTNER-CENTER-REFERENCE.md §7.1).
            const porIdChanged = partnerOfRecordIdOf({ ...company, ...clean }) !== partnerOfRecordIdOf(company);
            const row = await repos.companies.update(company.id, porIdChanged ? { ...clean, porStatus: null, porCheckedAt: null, porErrorCode: null, porErrorDescription: null } : clean, now);
            const before = auditStateOf(company);
            const after = auditStateOf(row);
            const changed = changedFields(before, after);
            if (changed.length > 0) {
              const pick = (s: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, s[k] ?? null]));
              await audit({
                companyId: row.id,
                action: 'company.updated',
                targetType: 'company',
                targetId: row.id,
                summary: `Changed ${changed.join(', ')} of ${row.name} (${row.id})`,
                before: pick(before),
                after: pick(after),
              });
            }
            return row;
          },
        });
        return c.json(await toCompanyDto(reposOf(deps), c.var.principal, updated), 200);
      },
    );
}

