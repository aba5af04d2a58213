import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../http/openapi-app';
import { json } from '../http/json-content';

export const SystemSchema = z
  .object({
    name: z.literal('CSP Hub'),
    version: z.string(),
    demo: z.boolean().openapi({ description: 'Demo data and demo users are present' }),
    emulator: z.boolean().openapi({ description: 'Partner Center calls go to the embedded emulator by default' }),
    locales: z.array(z.string()),
  })
  .openapi('SystemInfo');

/** GET /api/v1/system: what this instance is, for the UI's header and about box. */
export function systemRoutes(info: { version: string; demo: boolean; emulator: boolean }) {
  return createRouter().openapi(
    createRoute({
      method: 'get',
      path: '/system',
      tags: ['System'],
      summary: 'What this CSP Hub instance is running',
      responses: { 200: { description: 'Instance information', content: json(SystemSchema) } },
    }),
    (c) => c.json({ name: 'CSP Hub' as const, ...info, locales: ['en', 'es'] }, 200),
  );
}
