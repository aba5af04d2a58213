import { createRoute, z } from '@hono/zod-openapi';
import type { AuditLogRow } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { companyScopeInScope, requirePermission } from '../access/scope';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { json } from '../http/json-content';
import { writeCsv, type CsvCell } from '@csphub/domain/csv';

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    companyId: z.number().int(),
    companyName: z.string(),
    actorType: z.enum(['user', 'api_token', 'system']),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    summary: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    seq: z.number().int().openapi({ description: "The entry's position in the audit chain" }),
    hash: z.string().openapi({ description: 'SHA-256 of the previous hash and this entry (GET /api/v1/audit/verify checks the chain)' }),
  })
  .openapi('AuditEntry');

export const AuditLogPageSchema = z.object({ items: z.array(AuditEntrySchema), nextBeforeId: z.number().int().nullable() });

const QuerySchema = z.object({
  companyId: z.coerce.number().int().positive().optional().openapi({ description: "One company; omit for the caller's whole subtree" }),
  includeDescendants: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: "With companyId: include the companies under it" }),
  action: z.string().max(64).optional().openapi({ description: 'Action prefix, e.g. company. or company.moved' }),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  beforeId: z.coerce.number().int().positive().optional().openapi({ description: 'Next page: the id of the last entry seen' }),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

type Query = z.infer<typeof QuerySchema>;

/**
 * The caller reads the entries written while their company was in the caller's subtree (the path
 * recorded on each entry): after a customer moves to another reseller, each reseller sees only its
 * own period. A company filter must name a company in the caller's subtree today.
 */
async function query(deps: ServerDeps, p: Principal, q: Query, limit: number) {
  const repos = reposOf(deps);
  let within: { id: number; path: string } | undefined;
  let companyId: number | undefined;
  if (q.companyId !== undefined) {
    const company = await companyScopeInScope(repos, p, q.companyId);
    if (q.includeDescendants) within = { id: company.id, path: company.path };
    else companyId = company.id;
  }
  requirePermission(p, 'audit.read', 'read the audit log');
  return repos.auditLog.list({
    reader: { id: p.company.id, path: p.company.path },
    ...(within ? { within } : {}),
    ...(companyId !== undefined ? { companyId } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.from ? { from: new Date(q.from) } : {}),
    ...(q.to ? { to: new Date(q.to) } : {}),
    ...(q.beforeId ? { beforeId: q.beforeId } : {}),
    limit,
  });
}

function entryDto(e: AuditLogRow & { companyName: string }) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    companyId: e.companyId,
    companyName: e.companyName,
    actorType: e.actorType,
    actorLabel: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    summary: e.summary,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId,
    seq: e.seq,
    hash: e.hash,
  };
}


const csvValue = (v: unknown): CsvCell => (v === null || v === undefined || typeof v !== 'object' ? (v as CsvCell) : JSON.stringify(v));

const CSV_COLUMNS = ['id', 'at', 'companyId', 'companyName', 'actorType', 'actorLabel', 'action', 'targetType', 'targetId', 'summary', 'before', 'after', 'requestId'] as const;

/** GET /audit-log (filter per company, action, time) and GET /audit-log/export.csv. */
export function auditLogRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/audit-log',
        tags: ['Audit log'],
        summary: 'Audit entries of the caller\'s subtree, newest first; filter per company, action and time',
        request: { query: QuerySchema },
        responses: {
          200: { description: 'Entries and the cursor of the next page', content: json(AuditLogPageSchema) },
          400: problem('A filter is not valid'),
          ...scopedErrors,
        },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const rows = await query(deps, c.var.principal, q, q.limit);
        return c.json({ items: rows.map(entryDto), nextBeforeId: rows.length === q.limit ? rows.at(-1)!.id : null }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/audit-log/export.csv',
        tags: ['Audit log'],
        summary: 'The same entries as CSV (up to 10,000 per export)',
        request: { query: QuerySchema.omit({ limit: true }) },
        responses: { 200: { description: 'CSV with a header row', content: { 'text/csv': { schema: z.string() } } }, 400: problem('A filter is not valid'), ...scopedErrors },
      }),
      async (c) => {
        const q = c.req.valid('query');
        const rows = (await query(deps, c.var.principal, { ...q, limit: 10_000 }, 10_000)).map(entryDto);
        // Objects (the before/after of a change) are written as their JSON text.
        const records = rows.map((r) => Object.fromEntries(CSV_COLUMNS.map((k) => [k, csvValue(r[k])])));
        return c.body(writeCsv(CSV_COLUMNS, records, { guardFormulas: true }), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="audit-log${q.companyId ? `-${q.companyId}` : ''}.csv"`,
        });
      },
    );
}
