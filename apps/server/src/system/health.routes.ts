import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/openapi-app';
import { json } from '../http/json-content';

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean(), latencyMs: z.number().optional() }),
    emulator: z.object({ mode: z.enum(['embedded', 'off']), url: z.string().optional(), ok: z.boolean().optional() }),
  })
  .openapi('Health');

export interface HealthDeps {
  version: string;
  database: { kind: 'pglite' | 'postgres'; ping(): Promise<number> };
  emulator: { mode: 'embedded' | 'off'; url?: string | undefined; ping?: () => Promise<boolean> };
}

const route = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['System'],
  summary: 'Liveness and the state of the database and the Partner Center emulator',
  responses: {
    200: { description: 'Running; `status` says whether every dependency answers', content: json(HealthSchema) },
    503: { description: 'The database does not answer', content: json(HealthSchema) },
  },
});

/** GET /healthz: 200 while the database answers, with the emulator's state alongside. */
export function healthRoutes(deps: HealthDeps) {
  return createRouter().openapi(route, async (c) => {
    let database: z.infer<typeof HealthSchema>['database'];
    try {
      database = { kind: deps.database.kind, ok: true, latencyMs: await deps.database.ping() };
    } catch {
      database = { kind: deps.database.kind, ok: false };
    }
    let emulatorOk: boolean | undefined;
    if (deps.emulator.mode === 'embedded' && deps.emulator.ping) {
      emulatorOk = await deps.emulator.ping().catch(() => false);
    }
    const body = {
      status: database.ok && emulatorOk !== false ? ('ok' as const) : ('degraded' as const),
      version: deps.version,
      database,
      emulator: {
        mode: deps.emulator.mode,
        ...(deps.emulator.url ? { url: deps.emulator.url } : {}),
        ...(emulatorOk !== undefined ? { ok: emulatorOk } : {}),
      },
    };
    return c.json(body, database.ok ? 200 : 503);
  });
}
