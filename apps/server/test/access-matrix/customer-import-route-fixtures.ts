import type { Role } from '@csphub/domain';
import { eq } from 'drizzle-orm';
import { createCustomerImportsRepo, schema } from '@csphub/db';
import type { FixtureContext, RouteFixture } from './route-fixture.types';

const READERS: readonly Role[] = ['distributor_admin', 'distributor_operator'];
const MANAGERS: readonly Role[] = ['distributor_admin'];

/** A run of the world's connection in `state`, with one customer in conflict and one new one. */
async function seedRun(ctx: FixtureContext, state: 'review' | 'importing' = 'review'): Promise<string> {
  const repo = createCustomerImportsRepo(ctx.t.database.db);
  const now = new Date();
  const run = await repo.createRun(ctx.world.conn.id, 'matrix', now);
  await repo.upsertItems([
    { runId: run.id, seq: 0, tenantId: 'aa000000-0000-4000-8000-000000000001', companyName: 'Matrix conflict', defaultDomain: 'matrix1.example', proposal: 'conflict', conflicts: [{ code: 'reseller-not-in-network', partnerId: '9999999' }], details: { subscriptions: [] } },
    { runId: run.id, seq: 1, tenantId: 'aa000000-0000-4000-8000-000000000002', companyName: 'Matrix new', defaultDomain: 'matrix2.example', proposal: 'new', parentCompanyId: ctx.world.d.id, details: { subscriptions: [] } },
  ]);
  await repo.setRun(run.id, { state }, now);
  return run.id;
}

/** No import of the world's connection is reading or importing (each start case begins from there). */
async function settleRuns(ctx: FixtureContext): Promise<void> {
  const { customerImportRuns } = schema;
  await ctx.t.database.db.update(customerImportRuns).set({ state: 'done' }).where(eq(customerImportRuns.connectionId, ctx.world.conn.id));
}

/** The import of existing customers (apps/server/src/customer-import/): the distributor's, like its connections. */
export const CUSTOMER_IMPORT_ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'GET /api/v1/connections/{id}/customer-imports': { scope: 'distributor', allowed: READERS, request: (ctx) => ({ path: `/api/v1/connections/${ctx.world.conn.id}/customer-imports` }) },
  'POST /api/v1/connections/{id}/customer-imports': {
    scope: 'distributor',
    allowed: MANAGERS,
    request: async (ctx) => {
      await settleRuns(ctx);
      return { path: `/api/v1/connections/${ctx.world.conn.id}/customer-imports` };
    },
  },
  'GET /api/v1/customer-imports/{runId}': { scope: 'distributor', allowed: READERS, request: async (ctx) => ({ path: `/api/v1/customer-imports/${await seedRun(ctx)}` }) },
  'GET /api/v1/customer-imports/{runId}/items': { scope: 'distributor', allowed: READERS, request: async (ctx) => ({ path: `/api/v1/customer-imports/${await seedRun(ctx)}/items?q=matrix&proposal=conflict&limit=10` }) },
  'PUT /api/v1/customer-imports/{runId}/items/{tenantId}/decision': {
    scope: 'distributor',
    allowed: MANAGERS,
    request: async (ctx) => ({ path: `/api/v1/customer-imports/${await seedRun(ctx)}/items/aa000000-0000-4000-8000-000000000001/decision`, body: { action: 'new', parentCompanyId: ctx.world.d.id } }),
  },
  'POST /api/v1/customer-imports/{runId}/apply': { scope: 'distributor', allowed: MANAGERS, request: async (ctx) => ({ path: `/api/v1/customer-imports/${await seedRun(ctx)}/apply` }) },
  'POST /api/v1/customer-imports/{runId}/pause': { scope: 'distributor', allowed: MANAGERS, request: async (ctx) => ({ path: `/api/v1/customer-imports/${await seedRun(ctx, 'importing')}/pause` }) },
  'GET /api/v1/customer-imports/{runId}/report.csv': { scope: 'distributor', allowed: READERS, request: async (ctx) => ({ path: `/api/v1/customer-imports/${await seedRun(ctx)}/report.csv` }) },
};
