import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createRouter } from '../http/openapi-app';
import { guarded, authErrors, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { writeAudit } from '../audit/write-audit';
import { reposOf } from '../app/server-deps';
import { createCatalogRepo, createRepos, type Database } from '@csphub/db';
import { buildCatalogTree, type CatalogService } from './catalog-service';
import { commerceRepos, type CommerceDeps } from './commerce-deps';
import { commerceCompany, requireCommerce, seesHiddenProducts } from './commerce-access';
import { CatalogResponseSchema, CompanyIdParam } from './commerce.schema';
import { json } from '../http/json-content';
import { buyingCountryOf, linkedTenantsOf } from './linked-tenants';

const CatalogQuery = z.object({
  connectionId: z.string().uuid().optional().openapi({ description: "Default: the connection of the company's first linked tenant" }),
  country: z.string().length(2).optional().openapi({ description: "ISO country; default: the company's billing country" }),
  q: z.string().max(100).optional().openapi({ description: 'Search in product, SKU, group and category' }),
});

const RefreshSchema = z.object({ connectionId: z.string().uuid(), country: z.string().length(2) }).openapi('CatalogRefreshRequest');
const RefreshResultSchema = z
  .object({ ok: z.boolean(), entries: z.number().int(), partnerCenterCalls: z.number().int(), durationMs: z.number().int(), error: z.string().nullable() })
  .openapi('CatalogRefreshResult');

/** Catalog: browse per company, manual refresh, products hidden from resellers. */
export function catalogRoutes(deps: CommerceDeps, catalog: CatalogService) {
  const auth = authenticate(deps);
  const requireDistributorStaff = (p: { company: { kind: string } }) => {
    if (p.company.kind !== 'distributor') throw new AppError('FORBIDDEN', "Only the distributor's staff manage the catalog.");
  };
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/catalog',
        tags: ['Catalog'],
        summary: 'The catalog a company can buy from: category > product group > product > SKU, with search',
        description: 'Served from the cache of the connection and country (loaded from Partner Center on first use, refreshed daily). Products the distributor hides are left out for everyone but its staff.',
        request: { params: CompanyIdParam, query: CatalogQuery },
        responses: { 200: { description: 'The catalog', content: json(CatalogResponseSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { repos, company } = await commerceCompany(deps, p, c.req.valid('param').id, 'catalog.read');
        const q = c.req.valid('query');
        const root = await repos.companies.root();
        const linked = await linkedTenantsOf(repos, company);
        // The connection asked for, else that of the company's first tenant (one of the distributor's), else the distributor's first.
        const first = linked[0]?.connection;
        const connections = q.connectionId || !first ? (root ? await repos.connections.list(root.id) : []) : [];
        const connection = q.connectionId ? connections.find((x) => x.id === q.connectionId) : (first ?? connections[0]);
        if (q.connectionId && !connection) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${q.connectionId}.`);
        const country = (q.country ?? buyingCountryOf(company) ?? connection?.region ?? '').toUpperCase() || null;
        const empty = { refreshedAt: null, entryCount: 0, partnerCenterCalls: 0, durationMs: 0, lastError: null, refreshing: false };
        if (!connection || !country || !/^[A-Z]{2}$/.test(country)) {
          return c.json({ connection: connection ? { id: connection.id, name: connection.name, type: connection.type } : null, country, snapshot: empty, categories: [] }, 200);
        }
        const { rows, snapshot, refreshing } = await catalog.read(connection.id, country);
        const includeHidden = seesHiddenProducts(p);
        const hidden = new Set(root ? await commerceRepos(deps).catalog.listHiddenProducts(root.id) : []);
        const tree = buildCatalogTree(rows, hidden, { includeHidden, query: q.q });
        return c.json(
          {
            connection: { id: connection.id, name: connection.name, type: connection.type },
            country,
            snapshot: snapshot
              ? {
                  refreshedAt: snapshot.refreshedAt?.toISOString() ?? null,
                  entryCount: snapshot.entryCount,
                  partnerCenterCalls: snapshot.partnerCenterCalls,
                  durationMs: snapshot.durationMs,
                  lastError: snapshot.lastError,
                  refreshing,
                }
              : empty,
            categories: tree.categories,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/catalog/refresh',
        tags: ['Catalog'],
        summary: 'Reload the catalog of a connection and country from Partner Center now',
        request: { body: { required: true, content: json(RefreshSchema) } },
        responses: { 200: { description: 'How the refresh went (a failure keeps the previous catalog)', content: json(RefreshResultSchema) }, 404: problem('No such connection'), ...authErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requireCommerce(p, 'catalog.refresh');
        requireDistributorStaff(p);
        const body = c.req.valid('json');
        const repos = reposOf(deps);
        const conn = await repos.connections.get(body.connectionId);
        if (!conn || conn.ownerCompanyId !== p.company.id) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${body.connectionId}.`);
        const result = await catalog.refresh(conn.id, body.country);
        return c.json({ ok: result.ok, entries: result.entries, partnerCenterCalls: result.partnerCenterCalls, durationMs: result.durationMs, error: result.error ?? null }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/catalog/hidden-products',
        tags: ['Catalog'],
        summary: 'Products the distributor hides from its resellers',
        responses: { 200: { description: 'Product ids', content: json(z.object({ productIds: z.array(z.string()) })) }, ...authErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requireCommerce(p, 'catalog.refresh');
        requireDistributorStaff(p);
        return c.json({ productIds: await commerceRepos(deps).catalog.listHiddenProducts(p.company.id) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'put',
        path: '/catalog/hidden-products/{productId}',
        tags: ['Catalog'],
        summary: 'Hide a product from resellers and their customers, or show it again',
        request: {
          params: z.object({ productId: z.string().min(1).max(40).openapi({ param: { name: 'productId', in: 'path' }, example: 'CFQ7TTC0LH18' }) }),
          body: { required: true, content: json(z.object({ hidden: z.boolean() }).openapi('ProductVisibility')) },
        },
        responses: { 200: { description: 'Saved', content: json(z.object({ productId: z.string(), hidden: z.boolean() })) }, ...authErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requireCommerce(p, 'catalog.hide');
        requireDistributorStaff(p);
        const { productId } = c.req.valid('param');
        const { hidden } = c.req.valid('json');
        const now = deps.clock.now();
        // The change and its audit entry in one transaction (both repositories on the transaction).
        await deps.db.transaction(async (tx) => {
          const repos = createRepos(tx as unknown as Database, deps.box);
          const changed = await createCatalogRepo(tx as unknown as Database).setProductHidden(p.company.id, productId, hidden, p.label, now);
          if (changed) {
            await writeAudit(c, repos, {
              at: now,
              companyId: p.company.id,
              action: hidden ? 'catalog.product_hidden' : 'catalog.product_shown',
              targetType: 'product',
              targetId: productId,
              summary: `${hidden ? 'Hid' : 'Showed'} product ${productId} ${hidden ? 'from' : 'to'} resellers`,
            });
          }
        });
        return c.json({ productId, hidden }, 200);
      },
    );
}
