import { randomUUID } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { AppError, isWithinPath } from '@csphub/domain';
import { createCockpitRepo, createRepos, type Database } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { actorOf, type Principal } from '../auth/principal';
import { requirePermission } from '../access/scope';
import { reposOf } from '../app/server-deps';
import { json } from '../http/json-content';
import { BULK_ACTIONS, planBulk } from './bulk-actions';
import { refreshGdap } from '../gdap/gdap-refresh';
import { requireStaff } from './cockpit.routes';
import type { CockpitDeps } from './cockpit-deps';

const ActionParams = z.object({ action: z.enum(BULK_ACTIONS).openapi({ param: { name: 'action', in: 'path' } }) });
const JobParams = z.object({ jobId: z.uuid().openapi({ param: { name: 'jobId', in: 'path' } }) });
const SelectionSchema = z.object({
  items: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(500)
    .openapi({ description: "The rows' keys from the cockpit list: `<connectionId>/<relationshipId>` (GDAP), an authorization id, a reseller's company id, `<companyId>/<connectionId>` (a customer's tenant, to request GDAP for)" }),
  templateId: z.number().int().positive().optional().openapi({ description: "Request GDAP from a template: the template version to request (its connection's tenants only); absent: each connection's default template" }),
  emailCustomerAdmin: z.boolean().optional().openapi({ description: "Request GDAP from a template: e-mail each approval link to the customer's address, in its language (default false)" }),
});

/** The choices of a "request GDAP from a template" selection; a template that does not exist is named. */
async function gdapOptionsOf(deps: CockpitDeps, body: z.infer<typeof SelectionSchema>) {
  const templateId = body.templateId ?? null;
  if (templateId !== null && !(await reposOf(deps).gdap.getTemplate(templateId))) throw new AppError('VALIDATION_FAILED', `templateId: there is no GDAP template ${templateId}; pick one of GET /api/v1/gdap/templates.`, [{ field: 'templateId', message: 'no such template' }]);
  return { templateId, emailCustomerAdmin: body.emailCustomerAdmin ?? false };
}

const PlannedItemSchema = z.object({
  itemKey: z.string(),
  companyId: z.number().int().nullable(),
  label: z.string(),
  will: z.array(z.string()),
  skip: z.string().nullable(),
  detail: z.string().nullable(),
});
export const BulkPlanSchema = z.object({ action: z.enum(BULK_ACTIONS), items: z.array(PlannedItemSchema) }).openapi('BulkPlan');
export const BulkJobSchema = z
  .object({
    id: z.string(),
    action: z.enum(BULK_ACTIONS),
    state: z.enum(['queued', 'running', 'finished']),
    createdByLabel: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    total: z.number().int(),
    done: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    items: z.array(
      z.object({
        itemKey: z.string(),
        companyId: z.number().int().nullable(),
        label: z.string(),
        state: z.enum(['pending', 'succeeded', 'failed']),
        attempts: z.number().int(),
        round: z.number().int(),
        outcome: z.record(z.string(), z.unknown()).nullable(),
        errorCode: z.string().nullable(),
        errorMessage: z.string().nullable(),
      }),
    ),
  })
  .openapi('BulkJob');
export const GdapRefreshSchema = z
  .object({ at: z.string(), connections: z.number().int(), relationships: z.number().int(), failures: z.number().int() })
  .openapi('GdapRefresh');

/** Who may run an action: the editors of the subtree; partners of record are asked through the distributor's connections. */
function requireBulk(p: Principal, action: (typeof BULK_ACTIONS)[number]) {
  requireStaff(p, 'run a bulk fix');
  requirePermission(p, 'sync.manage', 'run a bulk fix');
  if (action === 'revalidate-partners-of-record') requirePermission(p, 'connections.read', "revalidate the resellers' Partner Location IDs");
  if (action === 'gdap-request-from-template') requirePermission(p, 'gdap.manage', 'request GDAP relationships');
}

/**
 * Bulk fixes from the cockpit: a dry run (what will be done, to whom), the job (one durable run, one
 * audit entry per item), its progress and the retry of its failed items; and the GDAP refresh that
 * fills the cockpit's GDAP figures from Graph.
 */
export function cockpitBulkRoutes(deps: CockpitDeps) {
  const auth = authenticate(deps);
  const jobOf = async (p: Principal, jobId: string) => {
    const cockpit = createCockpitRepo(deps.db);
    const job = await cockpit.getJob(jobId);
    const scope = job ? await reposOf(deps).companies.get(job.scopeCompanyId) : undefined;
    if (!job || !scope || !isWithinPath(scope.path, p.company.path)) throw new AppError('NOT_FOUND', `There is no bulk job ${jobId} among those you can see.`);
    return { job, items: await cockpit.items(jobId) };
  };
  const start = async (jobId: string, round: number) => {
    if (!deps.bulkRuns.startBulkFix) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Bulk fixes are not available on this server right now (durable runs are not running).');
    await deps.bulkRuns.startBulkFix({ jobId, round });
  };
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/cockpit/bulk/{action}/dry-run',
        tags: ['Cockpit'],
        summary: 'What a bulk fix would do to each selected item, changing nothing',
        request: { params: ActionParams, body: { content: json(SelectionSchema), required: true } },
        responses: { 200: { description: 'The plan', content: json(BulkPlanSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { action } = c.req.valid('param');
        requireBulk(p, action);
        const body = c.req.valid('json');
        return c.json({ action, items: await planBulk(deps, action, p.company, body.items, await gdapOptionsOf(deps, body)) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/cockpit/bulk/{action}',
        tags: ['Cockpit'],
        summary: 'Start a bulk fix over the selected items (those the dry run did not skip)',
        request: { params: ActionParams, body: { content: json(SelectionSchema), required: true } },
        responses: { 202: { description: 'The job, started', content: json(z.object({ jobId: z.string() })) }, 422: problem('No selected item needs the fix'), 503: problem('Durable runs are not running'), ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { action } = c.req.valid('param');
        requireBulk(p, action);
        if (!deps.bulkRuns.startBulkFix) throw new AppError('WORKFLOWS_UNAVAILABLE', 'Bulk fixes are not available on this server right now (durable runs are not running). Nothing was started.');
        const body = c.req.valid('json');
        const options = await gdapOptionsOf(deps, body);
        const plan = (await planBulk(deps, action, p.company, body.items, options)).filter((i) => !i.skip);
        if (plan.length === 0) throw new AppError('VALIDATION_FAILED', 'items: none of the selected items needs this fix (run the dry run to see why).', [{ field: 'items', message: 'Nothing to do' }]);
        const now = deps.clock.now();
        const jobId = randomUUID();
        await deps.db.transaction(async (handle) => {
          const txDb = handle as unknown as Database;
          await createCockpitRepo(txDb).createJob(
            { id: jobId, action, scopeCompanyId: p.company.id, state: 'queued', createdBy: p.id, createdByLabel: p.label, createdAt: now, updatedAt: now, options: action === 'gdap-request-from-template' ? options : null },
            plan.map((i) => ({ itemKey: i.itemKey, companyId: i.companyId, label: i.label, state: 'pending' as const })),
          );
          await createRepos(txDb, deps.box).auditLog.append({
            at: now,
            companyId: p.company.id,
            actor: actorOf(p),
            requestId: c.var.requestId,
            action: 'bulk_fix.started',
            targetType: 'bulk_job',
            targetId: jobId,
            summary: `Bulk fix ${action} started on ${plan.length} item(s)`,
            after: { action, items: plan.map((i) => i.itemKey), ...(action === 'gdap-request-from-template' ? { options } : {}) },
          });
        });
        await start(jobId, 0);
        return c.json({ jobId }, 202);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/cockpit/bulk/jobs/{jobId}',
        tags: ['Cockpit'],
        summary: 'A bulk job: progress and the result of each item',
        request: { params: JobParams },
        responses: { 200: { description: 'The job', content: json(BulkJobSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requireStaff(p, 'read a bulk job');
        const { job, items } = await jobOf(p, c.req.valid('param').jobId);
        const succeeded = items.filter((i) => i.state === 'succeeded').length;
        const failed = items.filter((i) => i.state === 'failed').length;
        return c.json(
          {
            id: job.id,
            action: job.action,
            state: job.state,
            createdByLabel: job.createdByLabel,
            createdAt: job.createdAt.toISOString(),
            finishedAt: job.finishedAt?.toISOString() ?? null,
            total: items.length,
            done: succeeded + failed,
            succeeded,
            failed,
            items: items.map((i) => ({ itemKey: i.itemKey, companyId: i.companyId, label: i.label, state: i.state, attempts: i.attempts, round: i.round, outcome: i.outcome ?? null, errorCode: i.errorCode, errorMessage: i.errorMessage })),
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/cockpit/bulk/jobs/{jobId}/retry',
        tags: ['Cockpit'],
        summary: 'Run the failed items of a finished job again',
        request: { params: JobParams },
        responses: { 202: { description: 'The next round, started', content: json(z.object({ jobId: z.string(), round: z.number().int(), items: z.number().int() })) }, 409: problem('The job is still running or has no failed item'), 503: problem('Durable runs are not running'), ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const { job, items } = await jobOf(p, c.req.valid('param').jobId);
        requireBulk(p, job.action);
        if (job.state !== 'finished') throw new AppError('CONFLICT', 'The job is still running; retry its failed items once it has finished.');
        const now = deps.clock.now();
        const round = Math.max(0, ...items.map((i) => i.round)) + 1;
        const requeued = await deps.db.transaction(async (handle) => {
          const txDb = handle as unknown as Database;
          const n = await createCockpitRepo(txDb).requeueFailed(job.id, now);
          if (n > 0) {
            await createRepos(txDb, deps.box).auditLog.append({ at: now, companyId: p.company.id, actor: actorOf(p), requestId: c.var.requestId, action: 'bulk_fix.retried', targetType: 'bulk_job', targetId: job.id, summary: `Bulk fix ${job.action}: ${n} failed item(s) run again`, after: { round } });
          }
          return n;
        });
        if (requeued === 0) throw new AppError('CONFLICT', 'No item of this job failed; nothing to retry.');
        await start(job.id, round);
        return c.json({ jobId: job.id, round, items: requeued }, 202);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/cockpit/gdap/refresh',
        tags: ['Cockpit'],
        summary: "Read every GDAP relationship of the distributor's connections from Graph into the cockpit (distributor staff)",
        responses: { 200: { description: 'What the refresh read', content: json(GdapRefreshSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        requirePermission(p, 'connections.read', 'refresh the GDAP relationships from Microsoft');
        const pass = await refreshGdap(deps, c.req.raw.signal);
        await reposOf(deps).auditLog.append({ at: deps.clock.now(), companyId: p.company.id, actor: actorOf(p), requestId: c.var.requestId, action: 'gdap.refreshed', targetType: 'company', targetId: p.company.id, summary: `GDAP relationships read from Microsoft: ${pass.relationships} in ${pass.connections} connection(s)`, after: pass });
        return c.json(pass, 200);
      },
    );
}
