import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import type { PartnerCenterClient } from '@csphub/partner-center';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { writeAudit } from '../audit/write-audit';
import type { CommerceDeps } from './commerce-deps';
import { commerceCompany } from './commerce-access';
import { CompanyIdParam } from './commerce.schema';
import { json } from '../http/json-content';
import { linkedTenantIn, linkedTenantsOf } from './linked-tenants';
import { callPartnerCenter } from './partner-center-failure';

const LicenceSkuSchema = z.object({
  skuId: z.string(),
  name: z.string(),
  skuPartNumber: z.string(),
  totalUnits: z.number().int(),
  consumedUnits: z.number().int(),
  availableUnits: z.number().int(),
});

export const LicensesResponseSchema = z
  .object({
    connectionId: z.string().nullable(),
    tenantId: z.string().nullable(),
    users: z.array(
      z.object({
        id: z.string(),
        userPrincipalName: z.string(),
        displayName: z.string(),
        state: z.string(),
        usageLocation: z.string().nullable(),
        licenseSkuIds: z.array(z.string()).nullable().openapi({ description: 'The SKUs assigned to the user; null when the client cannot read them' }),
      }),
    ),
    skus: z.array(LicenceSkuSchema),
    error: z.string().nullable().openapi({ description: "Why the tenant's users could not be read (App+User consent, GDAP roles, Partner Center down)" }),
  })
  .openapi('TenantLicenses');

const LicenceChangeSchema = z
  .object({
    connectionId: z.string().uuid(),
    userIds: z.array(z.string().min(1)).min(1).max(200),
    assign: z.array(z.string().min(1)).max(10).default([]),
    remove: z.array(z.string().min(1)).max(10).default([]),
  })
  .strict()
  .openapi('LicenceChange');

const LicenceChangeResultSchema = z
  .object({ results: z.array(z.object({ userId: z.string(), ok: z.boolean(), error: z.string().nullable(), warnings: z.array(z.string()) })) })
  .openapi('LicenceChangeResult');

/** The licences assigned to one user, as SKU ids. */
async function userLicenses(pc: PartnerCenterClient, tenantId: string, userId: string): Promise<string[]> {
  return (await pc.listUserLicenses(tenantId, userId)).map((l) => l.skuId);
}

/** Licenses of a linked tenant's users: read, assign and remove, one user or many. */
export function licensesRoutes(deps: CommerceDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/licenses',
        tags: ['Licenses'],
        summary: "A linked tenant's users and licenses (App+User and a GDAP role needed)",
        request: { params: CompanyIdParam, query: z.object({ connectionId: z.string().uuid().optional() }) },
        responses: { 200: { description: 'Users and licence SKUs', content: json(LicensesResponseSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { repos, company } = await commerceCompany(deps, p, c.req.valid('param').id, 'licenses.read');
        const { connectionId } = c.req.valid('query');
        const tenant = connectionId ? await linkedTenantIn(repos, company, connectionId) : (await linkedTenantsOf(repos, company))[0];
        if (!tenant) return c.json({ connectionId: null, tenantId: null, users: [], skus: [], error: null }, 200);
        const pc = await deps.partnerCenterFor(tenant.connection.id);
        const base = { connectionId: tenant.connection.id, tenantId: tenant.tenantId };
        try {
          const [users, skus] = await Promise.all([pc.listCustomerUsers(tenant.tenantId).toArray(), pc.listSubscribedSkus(tenant.tenantId)]);
          const withLicenses = await Promise.all(
            users.map(async (u) => ({ id: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, state: u.state, usageLocation: u.usageLocation ?? null, licenseSkuIds: await userLicenses(pc, tenant.tenantId, u.id) })),
          );
          const skuViews = skus.map((s) => ({ skuId: s.skuId, name: s.name, skuPartNumber: s.skuPartNumber, totalUnits: s.totalUnits, consumedUnits: s.consumedUnits, availableUnits: s.availableUnits }));
          return c.json({ ...base, users: withLicenses, skus: skuViews, error: null }, 200);
        } catch (e) {
          // A read view explains what is missing (usually a GDAP role) instead of failing the page.
          const reason = await callPartnerCenter('reading users and licenses', () => Promise.reject(e)).catch((x: unknown) => (x instanceof Error ? x.message : String(x)));
          return c.json({ ...base, users: [], skus: [], error: reason }, 200);
        }
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/licenses/changes',
        tags: ['Licenses'],
        summary: 'Assign and/or remove licences for one or many users',
        description: 'Applied user by user (Partner Center takes one user per call); each user gets its own result, so one refusal (no free seat) does not undo the others.',
        request: { params: CompanyIdParam, body: { required: true, content: json(LicenceChangeSchema) } },
        responses: { 200: { description: 'One result per user', content: json(LicenceChangeResultSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { repos, company } = await commerceCompany(deps, p, c.req.valid('param').id, 'licenses.manage');
        const body = c.req.valid('json');
        if (body.assign.length === 0 && body.remove.length === 0) throw new AppError('VALIDATION_FAILED', 'Choose at least one licence to assign or remove.');
        const tenant = await linkedTenantIn(repos, company, body.connectionId);
        const pc = await deps.partnerCenterFor(tenant.connection.id);
        const results: { userId: string; ok: boolean; error: string | null; warnings: string[] }[] = [];
        for (const userId of body.userIds) {
          try {
            const r = await callPartnerCenter('updating licenses', () => pc.updateUserLicenses(tenant.tenantId, userId, { assign: body.assign.map((skuId) => ({ skuId })), remove: body.remove }));
            results.push({ userId, ok: true, error: null, warnings: r.warnings });
          } catch (e) {
            results.push({ userId, ok: false, error: e instanceof Error ? e.message : String(e), warnings: [] });
          }
        }
        const done = results.filter((r) => r.ok).length;
        await writeAudit(c, repos, {
          at: deps.clock.now(),
          companyId: company.id,
          action: 'licenses.updated',
          targetType: 'tenant',
          targetId: tenant.tenantId,
          summary: `Licences changed for ${done} of ${results.length} user(s): assigned ${body.assign.join(', ') || 'none'}, removed ${body.remove.join(', ') || 'none'}`,
          after: { assign: body.assign, remove: body.remove, users: results.map((r) => ({ userId: r.userId, ok: r.ok })) },
        });
        return c.json({ results }, 200);
      },
    );
}
