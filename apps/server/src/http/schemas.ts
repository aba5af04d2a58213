import { z } from '@hono/zod-openapi';

/** The problem+json body, as documented in the OpenAPI document. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
    detail: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** A response entry for an error status, for route definitions. */
export function problem(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
}
