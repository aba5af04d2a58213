import { randomUUID } from 'node:crypto';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, type Role } from '@csphub/domain';
import { createCockpitRepo, schema } from '@csphub/db';
import type { FixtureContext, RouteFixture } from './route-fixture.types';

const STAFF: readonly Role[] = ['distributor_admin', 'distributor_operator', 'reseller_admin', 'reseller_operator'];

/** An active relationship with Global Administrator on the target customer, stored as the GDAP refresh would. */
async function seedRelationship(ctx: FixtureContext): Promise<string> {
  const relationshipId = `matrix-${randomUUID()}`;
  const now = new Date();
  await ctx.t.database.db.insert(schema.gdapRelationships).values({
    companyId: ctx.target.customer.id,
    connectionId: ctx.world.conn.id,
    relationshipId,
    displayName: relationshipId,
    customerTenantId: randomUUID(),
    status: 'active',
    roles: [{ id: GLOBAL_ADMINISTRATOR_ROLE_ID, name: 'Global Administrator' }],
    durationDays: 730,
    autoExtend: false,
    endsAt: new Date(now.getTime() + 10 * 86_400_000),
    accessAssignments: [{ id: 'a1', securityGroupId: 'g1', roleIds: [GLOBAL_ADMINISTRATOR_ROLE_ID], status: 'active' }],
    syncedAt: now,
  });
  return `${ctx.world.conn.id}/${relationshipId}`;
}

/** A finished job of the caller's company with one failed item. */
async function seedJob(ctx: FixtureContext): Promise<string> {
  const now = new Date();
  const job = await createCockpitRepo(ctx.t.database.db).createJob(
    { id: randomUUID(), action: 'gdap-remove-global-admin', scopeCompanyId: ctx.caller.home.id, state: 'finished', createdBy: 'matrix', createdByLabel: 'matrix', createdAt: now, updatedAt: now, finishedAt: now },
    [{ itemKey: await seedRelationship(ctx), companyId: ctx.target.customer.id, label: 'matrix', state: 'failed' }],
  );
  return job.id;
}

/** The portfolio cockpit's routes (apps/server/src/cockpit/). */
export const COCKPIT_ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/v1/cockpit/summary': { scope: 'self', allowed: STAFF, request: () => ({ path: '/api/v1/cockpit/summary' }) },
  'GET /api/v1/cockpit/lists/{list}': { scope: 'self', allowed: STAFF, request: () => ({ path: '/api/v1/cockpit/lists/customers?filter=all&sort=name&dir=desc' }) },
  'GET /api/v1/cockpit/lists/{list}/export': { scope: 'self', allowed: STAFF, request: () => ({ path: '/api/v1/cockpit/lists/gdap/export?filter=expiring_30_days' }) },
  'POST /api/v1/cockpit/bulk/{action}/dry-run': {
    scope: 'self',
    allowed: STAFF,
    // "Request GDAP from a template" (its extra permission, gdap.manage, is every staff role's) on the target's tenant.
    request: (ctx) => ({ path: '/api/v1/cockpit/bulk/gdap-request-from-template/dry-run', body: { items: [`${ctx.target.customer.id}/${ctx.world.conn.id}`] } }),
  },
  'POST /api/v1/cockpit/bulk/{action}': {
    scope: 'self',
    allowed: STAFF,
    request: async (ctx) => ({ path: '/api/v1/cockpit/bulk/gdap-remove-global-admin', body: { items: [await seedRelationship(ctx)] } }),
  },
  'GET /api/v1/cockpit/bulk/jobs/{jobId}': { scope: 'self', allowed: STAFF, request: async (ctx) => ({ path: `/api/v1/cockpit/bulk/jobs/${await seedJob(ctx)}` }) },
  'POST /api/v1/cockpit/bulk/jobs/{jobId}/retry': { scope: 'self', allowed: STAFF, request: async (ctx) => ({ path: `/api/v1/cockpit/bulk/jobs/${await seedJob(ctx)}/retry` }) },
  'POST /api/v1/cockpit/gdap/refresh': { scope: 'distributor', allowed: ['distributor_admin', 'distributor_operator'], request: () => ({ path: '/api/v1/cockpit/gdap/refresh' }) },
};
