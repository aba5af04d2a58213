import { z } from '@hono/zod-openapi';

/** `{ 'application/json': { schema } }`, the content of a JSON request body or response in a route definition. */
export const json = <T>(schema: T) => ({ 'application/json': { schema } });

/** A list answer, `{ items: [...] }`: the one envelope every list route uses. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** The answer of a `listOf(...)` route, for the web (`ListOf<Order>`): derived from the helper, not restated. */
export type ListOf<T> = z.infer<ReturnType<typeof listOf<z.ZodType<T>>>>;
