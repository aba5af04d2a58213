import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { requirePermission } from '../access/scope';
import type { ServerDeps } from '../app/server-deps';
import { json } from '../http/json-content';
import { CockpitListSchema, CockpitSummarySchema } from './cockpit.schema';
import { cockpitSummary, COCKPIT_LIST_NAMES, CockpitListInputError, cockpitList, toCsv, type CockpitListQuery } from '@csphub/db';

/** The cockpit is for distributor and reseller staff: a customer's people get 403. */
export function requireStaff(p: Principal, what: string): void {
  if (p.company.kind === 'customer') throw new AppError('FORBIDDEN', `The cockpit is for distributor and reseller staff; your company may not ${what}.`);
  requirePermission(p, 'sync.read', what);
}

const ListParams = z.object({ list: z.enum(COCKPIT_LIST_NAMES).openapi({ param: { name: 'list', in: 'path' } }) });
const ListQuery = z.object({
  filter: z.string().max(40).optional().openapi({ description: 'One of the list\'s filters (the answer names them); its first by default' }),
  sort: z.string().max(40).optional().openapi({ description: 'A column of the list; its first by default' }),
  dir: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

async function listOrRefuse(deps: ServerDeps, p: Principal, list: (typeof COCKPIT_LIST_NAMES)[number], q: CockpitListQuery) {
  try {
    return await cockpitList(deps.db, list, p.company.path, deps.clock.now(), q);
  } catch (error) {
    if (error instanceof CockpitListInputError) {
      throw new AppError('VALIDATION_FAILED', `${error.field}: ${error.message}`, [{ field: error.field, message: error.message }]);
    }
    throw error;
  }
}

/**
 * The portfolio cockpit: `GET /cockpit/summary` (the figures of the caller's subtree) and
 * `GET /cockpit/lists/{list}` (the rows behind each figure, filtered, sorted, paged; `/export` as
 * CSV). Answered from the database only; the subtree is the caller's company's.
 */
export function cockpitRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/cockpit/summary',
        tags: ['Cockpit'],
        summary: "The portfolio figures of the caller's subtree (from the database; null: not available)",
        responses: { 200: { description: 'The figures', content: json(CockpitSummarySchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requireStaff(p, 'read the cockpit');
        return c.json(await cockpitSummary(deps.db, p.company.path, deps.clock.now()), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/cockpit/lists/{list}',
        tags: ['Cockpit'],
        summary: 'The rows behind a cockpit figure: filtered, sorted, one page',
        request: { params: ListParams, query: ListQuery },
        responses: { 200: { description: 'One page and the total', content: json(CockpitListSchema) }, 400: problem('A filter or sort column the list does not have'), ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requireStaff(p, 'read the cockpit');
        return c.json(await listOrRefuse(deps, p, c.req.valid('param').list, c.req.valid('query')), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/cockpit/lists/{list}/export',
        tags: ['Cockpit'],
        summary: 'A cockpit list as CSV (every row of the filter, at most 50,000)',
        request: { params: ListParams, query: ListQuery.omit({ limit: true, offset: true }) },
        responses: { 200: { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } }, 400: problem('A filter or sort column the list does not have'), ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requireStaff(p, 'export a cockpit list');
        const { list } = c.req.valid('param');
        const page = await listOrRefuse(deps, p, list, { ...c.req.valid('query'), limit: 50_000, offset: 0 });
        return c.body(toCsv(page.columns, page.rows), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="cockpit-${list}-${page.filter}.csv"`,
        });
      },
    );
}
