import { createRoute, z } from '@hono/zod-openapi';
import { verifyAuditChain } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { authErrors, guarded } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { requirePermission } from '../access/scope';
import type { ServerDeps } from '../app/server-deps';
import { json } from '../http/json-content';

const AuditChainReportSchema = z
  .object({
    ok: z.boolean().openapi({ description: 'True when every entry up to the head is intact' }),
    checked: z.number().int().openapi({ description: 'Entries checked before the first broken one (or all of them)' }),
    head: z.object({ seq: z.number().int(), hash: z.string() }).openapi({ description: 'The chain head when the check started; keep it elsewhere to detect a rewrite later' }),
    firstBroken: z
      .object({
        seq: z.number().int(),
        id: z.number().int().nullable().openapi({ description: 'The audit entry, or null when it is missing' }),
        reason: z.enum(['entry_changed', 'link_broken', 'entry_missing', 'entry_outside_chain']),
        message: z.string(),
      })
      .nullable(),
  })
  .openapi('AuditChainReport');

/**
 * GET /audit/verify: walks the whole hash chain of the audit log (every company's entries, hence
 * the distributor admin's alone) and names the first broken link. The same check as
 * `npm run audit:verify`; docs/CHANNEL-AND-ACCOUNTS.md, "Audit log".
 */
export function auditVerifyRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'get',
      path: '/audit/verify',
      tags: ['Audit log'],
      summary: "Check the audit log's hash chain and name the first entry changed, removed or forged (distributor admins)",
      responses: { 200: { description: 'The result of the check (ok false names the first broken entry)', content: json(AuditChainReportSchema) }, ...authErrors },
    }),
    async (c) => {
      requirePermission(c.var.principal, 'audit.verify', "check the audit log's chain");
      const report = await verifyAuditChain(deps.db);
      c.header('cache-control', 'no-store');
      return c.json(report, 200);
    },
  );
}
