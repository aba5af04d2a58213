import { createRoute, z } from '@hono/zod-openapi';
import { AppError, isWithinPath, type Permission } from '@csphub/domain';
import type { CompanyRow, ConnectionSummary, CustomerImportRunRow, Repos } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { requirePermission } from '../access/scope';
import { writeAudit } from '../audit/write-audit';
import { inTransaction, reposOf } from '../app/server-deps';
import { json } from '../http/json-content';
import type { CustomerImportDeps } from './customer-import-deps';
import { importReportCsv, type ImportDeps } from './customer-import.service';
import { importItemViews, importRunView } from './customer-import-review';
import { ConnParams, ImportDecisionSchema, ImportItemSchema, ImportItemsPageSchema, ImportItemsQuerySchema, ImportRunSchema, ItemParams, RunParams } from './customer-import.schema';

const TAG = 'Customer import';
const unavailable = () => new AppError('WORKFLOWS_UNAVAILABLE', 'Imports are not available on this server right now (durable runs are not running). Nothing was started.');

/** The connection, when the caller is the distributor's staff with `permission`; 404 otherwise (connections are the distributor's). */
async function connectionFor(repos: Repos, p: Principal, connectionId: string, permission: Permission, doing: string): Promise<{ conn: ConnectionSummary; owner: CompanyRow }> {
  const conn = await repos.connections.get(connectionId);
  const owner = conn && (await repos.companies.get(conn.ownerCompanyId));
  if (!conn || !owner || !isWithinPath(owner.path, p.company.path)) throw new AppError('NOT_FOUND', `There is no Partner Center connection ${connectionId} among those you can see.`);
  requirePermission(p, permission, doing);
  return { conn, owner };
}

async function runFor(repos: Repos, p: Principal, runId: string, permission: Permission, doing: string): Promise<{ run: CustomerImportRunRow; owner: CompanyRow }> {
  const run = await repos.customerImports.getRun(runId);
  const conn = run && (await repos.connections.get(run.connectionId));
  const owner = conn && (await repos.companies.get(conn.ownerCompanyId));
  if (!run || !owner || !isWithinPath(owner.path, p.company.path)) throw new AppError('NOT_FOUND', `There is no customer import ${runId} among those you can see.`);
  requirePermission(p, permission, doing);
  return { run, owner };
}

/**
 * The import of a connection's existing customers (docs/CUSTOMER-IMPORT.md): start the reading,
 * review the staged plan (counts, a searchable list, a choice per conflict), apply it as a durable
 * run that can be paused and resumed, and the report as CSV.
 */
export function customerImportRoutes(deps: CustomerImportDeps) {
  const auth = authenticate(deps);
  const importDeps: ImportDeps = { db: deps.db, box: deps.box, now: () => deps.clock.now() };
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/connections/{id}/customer-imports',
        tags: [TAG],
        summary: "The connection's latest imports of existing customers, newest first",
        request: { params: ConnParams },
        responses: { 200: { description: 'Runs', content: json(z.object({ items: z.array(ImportRunSchema) })) }, ...scopedErrors },
      }),
      async (c) => {
        const repos = reposOf(deps);
        const { conn } = await connectionFor(repos, c.var.principal, c.req.valid('param').id, 'connections.read', 'see customer imports');
        const runs = await repos.customerImports.listRuns(conn.id, 10);
        return c.json({ items: await Promise.all(runs.map((r) => importRunView(importDeps, r))) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/connections/{id}/customer-imports',
        tags: [TAG],
        summary: "Start reading the connection's existing customers into a plan to review (nothing is written to companies yet)",
        request: { params: ConnParams },
        responses: { 202: { description: 'The run, reading', content: json(ImportRunSchema) }, 409: problem('An import of this connection is already reading or importing'), 503: problem('Durable runs are not running'), ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const { conn } = await connectionFor(repos, p, c.req.valid('param').id, 'connections.manage', 'import existing customers');
        if (!deps.importRuns.startImportRead) throw unavailable();
        const busy = (await repos.customerImports.listRuns(conn.id, 10)).find((r) => r.state === 'reading' || r.state === 'importing');
        if (busy) throw new AppError('CONFLICT', `An import of this connection is already ${busy.state} (run ${busy.id}); wait for it or pause it first.`);
        const now = deps.clock.now();
        const run = await inTransaction(deps, async (tx) => {
          const created = await tx.customerImports.createRun(conn.id, p.label, now);
          await writeAudit(c, tx, { at: now, companyId: conn.ownerCompanyId, action: 'customer_import.started', targetType: 'connection', targetId: conn.id, summary: `Started reading the existing customers of connection "${conn.name}"`, after: { runId: created.id } });
          return created;
        });
        await deps.importRuns.startImportRead(run.id);
        return c.json(await importRunView(importDeps, run), 202);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/customer-imports/{runId}',
        tags: [TAG],
        summary: 'An import: its state, progress and the counts of its plan (new, matched, conflicts, per reseller)',
        request: { params: RunParams },
        responses: { 200: { description: 'The run', content: json(ImportRunSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const { run } = await runFor(reposOf(deps), c.var.principal, c.req.valid('param').runId, 'connections.read', 'see customer imports');
        return c.json(await importRunView(importDeps, run), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/customer-imports/{runId}/items',
        tags: [TAG],
        summary: 'A page of the plan: what will happen to each customer, searchable by name, tenant id or domain',
        request: { params: RunParams, query: ImportItemsQuerySchema },
        responses: { 200: { description: 'The page', content: json(ImportItemsPageSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const repos = reposOf(deps);
        const { run } = await runFor(repos, c.var.principal, c.req.valid('param').runId, 'connections.read', 'see customer imports');
        const page = await repos.customerImports.searchItems(run.id, c.req.valid('query'));
        return c.json({ items: await importItemViews(importDeps, page.rows), total: page.total }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'put',
        path: '/customer-imports/{runId}/items/{tenantId}/decision',
        tags: [TAG],
        summary: 'Decide what happens to one customer: match a company, a new company under a reseller (or the distributor), skip, or back to the proposal',
        request: { params: ItemParams, body: { required: true, content: json(ImportDecisionSchema) } },
        responses: { 200: { description: 'The item', content: json(ImportItemSchema) }, 400: problem('The company named cannot take this customer'), 409: problem('The customer is already imported, or the import is not under review'), ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { runId, tenantId } = c.req.valid('param');
        const body = c.req.valid('json');
        const item = await inTransaction(deps, async (tx) => {
          const { run, owner } = await runFor(tx, p, runId, 'connections.manage', 'decide on imported customers');
          if (run.state !== 'review' && run.state !== 'paused') throw new AppError('CONFLICT', `The import is ${run.state}; decisions are taken while it is under review or paused.`);
          const found = await tx.customerImports.getItem(run.id, tenantId.toLowerCase());
          if (!found) throw new AppError('NOT_FOUND', `The import has no customer with tenant ${tenantId}.`);
          if (found.outcome !== 'planned') throw new AppError('CONFLICT', `${found.companyName} is already ${found.outcome}; its decision cannot change.`);
          let decision: string | null = null;
          if (body.action === 'skip') decision = 'skip';
          else if (body.action === 'match' || body.action === 'new') {
            const id = body.action === 'match' ? body.companyId : body.parentCompanyId;
            const field = body.action === 'match' ? 'companyId' : 'parentCompanyId';
            const company = await tx.companies.get(id);
            const fits = company && isWithinPath(company.path, owner.path) && company.status === 'active' && (body.action === 'match' ? company.kind === 'customer' : company.kind === 'reseller' || company.id === owner.id);
            if (!fits) throw new AppError('VALIDATION_FAILED', `${field}: company ${id} cannot take this customer (${body.action === 'match' ? 'an active customer of the network' : 'an active reseller of the network, or the distributor'} is needed).`, [{ field, message: 'not a company this customer can go to' }]);
            decision = `${body.action}:${id}`;
          }
          await tx.customerImports.decide(run.id, found.tenantId, decision);
          await writeAudit(c, tx, { at: deps.clock.now(), companyId: owner.id, action: 'customer_import.decided', targetType: 'customer_import', targetId: run.id, summary: `Import decision for ${found.companyName} (${found.tenantId}): ${decision ?? 'the proposal'}`, before: { decision: found.decision }, after: { decision } });
          return (await tx.customerImports.getItem(run.id, found.tenantId))!;
        });
        return c.json((await importItemViews(importDeps, [item]))[0]!, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/customer-imports/{runId}/apply',
        tags: [TAG],
        summary: 'Import: apply the reviewed plan (or resume a paused one) as a durable run; conflicts without a decision stay out',
        request: { params: RunParams },
        responses: { 202: { description: 'The run, importing', content: json(ImportRunSchema) }, 409: problem('The import is not under review or paused'), 503: problem('Durable runs are not running'), ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { runId } = c.req.valid('param');
        if (!deps.importRuns.startImportApply) throw unavailable();
        const { run, resumeKey } = await inTransaction(deps, async (tx) => {
          const { run, owner } = await runFor(tx, p, runId, 'connections.manage', 'import existing customers');
          // Importing already: the recorded key starts the same run again, or attaches to it.
          if (run.state === 'importing') return { run, resumeKey: run.applyKey };
          if (run.state !== 'review' && run.state !== 'paused') throw new AppError('CONFLICT', `The import is ${run.state}; only a plan under review or a paused import can be applied.`);
          // The intent (state and the run's key) commits with the request: a process that stops
          // before the run starts leaves it for the next start (a click, or startImportIntents).
          const applyKey = String(run.updatedAt.getTime());
          const moved = await tx.customerImports.setRun(run.id, { state: 'importing', applyKey }, deps.clock.now(), run.state);
          if (!moved) throw new AppError('CONFLICT', 'The import changed meanwhile; read it again.');
          await writeAudit(c, tx, { at: deps.clock.now(), companyId: owner.id, action: run.state === 'paused' ? 'customer_import.resumed' : 'customer_import.applied', targetType: 'customer_import', targetId: run.id, summary: `${run.state === 'paused' ? 'Resumed' : 'Started'} the import of existing customers`, after: { state: 'importing' } });
          return { run: moved, resumeKey: applyKey };
        });
        // A second click while it runs starts nothing new (same id).
        if (resumeKey) await deps.importRuns.startImportApply(run.id, resumeKey);
        return c.json(await importRunView(importDeps, run), 202);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/customer-imports/{runId}/pause',
        tags: [TAG],
        summary: 'Pause an import between two batches of customers; apply resumes it',
        request: { params: RunParams },
        responses: { 200: { description: 'The run, paused', content: json(ImportRunSchema) }, 409: problem('The import is not importing'), ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const run = await inTransaction(deps, async (tx) => {
          const { run, owner } = await runFor(tx, p, c.req.valid('param').runId, 'connections.manage', 'pause an import');
          const paused = await tx.customerImports.setRun(run.id, { state: 'paused' }, deps.clock.now(), 'importing');
          if (!paused) throw new AppError('CONFLICT', `The import is ${run.state}; only an import that is importing can be paused.`);
          await writeAudit(c, tx, { at: deps.clock.now(), companyId: owner.id, action: 'customer_import.paused', targetType: 'customer_import', targetId: run.id, summary: 'Paused the import of existing customers', after: { state: 'paused' } });
          return paused;
        });
        return c.json(await importRunView(importDeps, run), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/customer-imports/{runId}/report.csv',
        tags: [TAG],
        summary: 'The report: one line per customer with its proposal, decision and outcome (CSV)',
        request: { params: RunParams },
        responses: { 200: { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } }, ...scopedErrors },
      }),
      async (c) => {
        const { run } = await runFor(reposOf(deps), c.var.principal, c.req.valid('param').runId, 'connections.read', 'see customer imports');
        return c.body(await importReportCsv(importDeps, run.id), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="customer-import-${run.id}.csv"` });
      },
    );
}
