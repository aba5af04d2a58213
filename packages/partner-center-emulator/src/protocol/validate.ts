import type { z } from 'zod';
import * as pcErrors from '../errors/pc-errors';
import * as graphErrors from '../errors/graph-errors';

/**
 * Validates a request body against a wire schema. Failures become Partner Center's 400/3000 with
 * the offending property paths in `data` (docs/PARTNER-CENTER-REFERENCE.md §15), or Graph's 400 BadRequest.
 */
export function parseBody<T extends z.ZodType>(schema: T, value: unknown, api: 'pc' | 'graph' = 'pc'): z.infer<T> {
  if (value === undefined) {
    throw api === 'pc' ? pcErrors.malformedBody('a JSON body is required') : graphErrors.graphBadRequest('A JSON body is required.');
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => issue.path.join('.') || '(body)');
  const message = result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
  throw api === 'pc' ? pcErrors.invalidProperty(`The request body is not valid: ${message}`, fields) : graphErrors.graphBadRequest(`Invalid request body: ${message}`);
}
