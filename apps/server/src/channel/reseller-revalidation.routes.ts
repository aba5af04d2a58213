import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { actorOf } from '../auth/principal';
import { requirePermission } from '../access/scope';
import type { CommerceDeps } from '../commerce/commerce-deps';
import { revalidateResellers } from './reseller-revalidation';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

export const RevalidationPassSchema = z
  .object({
    at: z.string().openapi({ description: 'When the pass ran' }),
    resellers: z.number().int().openapi({ description: 'Active resellers with a partner-of-record ID' }),
    connections: z.number().int().openapi({ description: 'Indirect-provider connections that answered' }),
    changed: z.number().int().openapi({ description: 'Resellers whose verdict changed (each audited)' }),
    ineligible: z.number().int().openapi({ description: 'Resellers Microsoft now refuses as partner of record' }),
    failures: z.number().int().openapi({ description: 'Connections that did not answer; their resellers keep their last verdict' }),
  })
  .openapi('ResellerRevalidation');
export type RevalidationPassDto = z.infer<typeof RevalidationPassSchema>;

/**
 * `POST /resellers/partner-of-record/revalidate`: the distributor asks Microsoft now, rather than
 * waiting for the scheduled pass, which resellers it accepts as partner of record
 * (docs/PARTNER-CENTER-REFERENCE.md §7.1). Distributor staff only (`connections.read`): it calls
 * Partner Center with the distributor's connections and writes every reseller's verdict.
 */
export function resellerRevalidationRoutes(deps: CommerceDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'post',
      path: '/resellers/partner-of-record/revalidate',
      tags: ['Companies'],
      summary: "Revalidate every reseller's Partner Location ID with Microsoft (distributor staff)",
      responses: { 200: { description: 'What the pass found', content: json(RevalidationPassSchema) }, ...scopedErrors },
    }),
    async (c) => {
      const p = c.var.principal;
      requirePermission(p, 'connections.read', "revalidate the resellers' Partner Location IDs");
      const pass = await revalidateResellers(deps, { scope: p.company, actor: actorOf(p), requestId: c.var.requestId, signal: c.req.raw.signal });
      return c.json(pass, 200);
    },
  );
}
