import { createRoute, z } from '@hono/zod-openapi';
import { AppError, checkMove, type MoveRefusal } from '@csphub/domain';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { scopedMutation } from './scoped-mutation';
import { CompanySchema, IdParamSchema, PrerequisitesSchema } from './company.schema';
import { auditStateOf, toCompanyDto } from './company-dto';
import { loadPrerequisites } from './company-prerequisites';

import { json } from '../http/json-content';

const MOVE_MESSAGES: Record<MoveRefusal['reason'], string> = {
  'not-a-customer': 'Only customers move; resellers always sit under the distributor.',
  'distributor-admin-only': "Only a distributor admin moves a customer: it changes the customer's reseller of record.",
  'invalid-parent': 'A customer can only move under a reseller or under the distributor (as a direct customer).',
  'same-parent': 'The customer is already there.',
  'inactive-parent': 'The new parent is deactivated; reactivate it first.',
  'into-own-subtree': 'A company cannot move under itself.',
};

/** POST /companies/{id}/move, /deactivate, /reactivate and GET /companies/{id}/prerequisites. */
export function companyLifecycleRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/move',
        tags: ['Companies'],
        summary: 'Move a customer to another reseller or to the distributor (distributor admins only; audited)',
        request: { params: IdParamSchema, body: { required: true, content: json(z.object({ parentId: z.number().int() }).openapi('CompanyMove')) } },
        responses: { 200: { description: 'Moved', content: json(CompanySchema) }, ...scopedErrors, 422: problem('The move breaks the move rules') },
      }),
      async (c) => {
        const moved = await scopedMutation(deps, c, {
          scope: async (repos, p) => ({
            company: await companyInScope(repos, p, c.req.valid('param').id),
            newParent: await companyInScope(repos, p, c.req.valid('json').parentId),
          }),
          permission: 'company.move', what: 'move companies',
          run: async ({ repos, principal: p, now, scoped: { company, newParent }, audit }) => {
            const refusal = checkMove({ actorRole: p.role, company, newParent });
            if (refusal) throw new AppError('MOVE_NOT_ALLOWED', MOVE_MESSAGES[refusal.reason]);
            const oldParent = company.parentId ? await repos.companies.get(company.parentId) : undefined;
            const row = await repos.companies.move(company, newParent, now);
            await audit({
              companyId: row.id,
              action: 'company.moved',
              targetType: 'company',
              targetId: row.id,
              summary: `Moved ${row.name} (${row.id}) from ${oldParent?.name ?? '-'} (${oldParent?.id ?? '-'}) to ${newParent.name} (${newParent.id}) by distributor admin ${p.label}`,
              before: { parentId: oldParent?.id ?? null, parentName: oldParent?.name ?? null },
              after: { parentId: newParent.id, parentName: newParent.name },
            });
            return row;
          },
        });
        return c.json(await toCompanyDto(reposOf(deps), c.var.principal, moved), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/deactivate',
        tags: ['Companies'],
        summary: 'Deactivate a company (never deleted: tenants, orders and the audit log keep it)',
        request: { params: IdParamSchema },
        responses: { 200: { description: 'Deactivated', content: json(CompanySchema) }, ...scopedErrors, 409: problem('Active companies sit under it') },
      }),
      async (c) => {
        const row = await scopedMutation(deps, c, {
          scope: (repos, p) => companyInScope(repos, p, c.req.valid('param').id),
          permission: 'company.deactivate', what: 'deactivate companies',
          run: async ({ repos, principal: p, now, scoped: company, audit }) => {
            if (company.id === p.company.id) throw new AppError('FORBIDDEN', 'You cannot deactivate your own company; ask the level above you.');
            if (company.status === 'inactive') return company;
            const active = await repos.companies.countActiveDescendants(company.path);
            if (active > 0) throw new AppError('COMPANY_HAS_ACTIVE_CHILDREN', `${company.name} still has ${active} active compan${active === 1 ? 'y' : 'ies'} under it; deactivate or move them first.`);
            const updated = await repos.companies.setStatus(company.id, 'inactive', now);
            await audit({
              companyId: company.id,
              action: 'company.deactivated',
              targetType: 'company',
              targetId: company.id,
              summary: `Deactivated ${company.name} (${company.id})`,
              before: { status: company.status },
              after: { status: 'inactive' },
            });
            return updated;
          },
        });
        return c.json(await toCompanyDto(reposOf(deps), c.var.principal, row), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/reactivate',
        tags: ['Companies'],
        summary: 'Reactivate a deactivated company',
        request: { params: IdParamSchema },
        responses: { 200: { description: 'Active again', content: json(CompanySchema) }, ...scopedErrors, 409: problem('Its parent is deactivated') },
      }),
      async (c) => {
        const row = await scopedMutation(deps, c, {
          scope: (repos, p) => companyInScope(repos, p, c.req.valid('param').id),
          permission: 'company.deactivate', what: 'reactivate companies',
          run: async ({ repos, now, scoped: company, audit }) => {
            if (company.status === 'active') return company;
            const parent = company.parentId ? await repos.companies.get(company.parentId) : undefined;
            if (parent && parent.status !== 'active') throw new AppError('COMPANY_INACTIVE', `Its parent ${parent.name} is deactivated; reactivate that first.`);
            const updated = await repos.companies.setStatus(company.id, 'active', now);
            await audit({
              companyId: company.id,
              action: 'company.reactivated',
              targetType: 'company',
              targetId: company.id,
              summary: `Reactivated ${company.name} (${company.id})`,
              before: { status: 'inactive' },
              after: auditStateOf(updated),
            });
            return updated;
          },
        });
        return c.json(await toCompanyDto(reposOf(deps), c.var.principal, row), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/prerequisites',
        tags: ['Companies'],
        summary: 'The "ready to provision" checklist: phone, e-mail, billing address for the country',
        request: { params: IdParamSchema },
        responses: { 200: { description: 'The checklist, with what to fix', content: json(PrerequisitesSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const company = await companyInScope(repos, p, c.req.valid('param').id);
        requirePermission(p, 'company.read', 'see companies');
        return c.json(await loadPrerequisites(repos, company), 200);
      },
    );
}
