import { OpenAPIHono } from '@hono/zod-openapi';
import { problemResponse, toProblem } from './problem';
import type { AppEnv } from './app-env';

/**
 * An OpenAPIHono whose validation failures answer problem+json VALIDATION_FAILED, naming each
 * field and what is wrong with it. Every router of the API is built with this.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const errors = result.error.issues.map((i) => ({
        field: i.path.join('.') || (result.target ?? 'body'),
        message: i.message,
      }));
      return problemResponse(
        c,
        toProblem(
          'VALIDATION_FAILED',
          `The request ${result.target} is not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
          c.var.requestId,
          errors,
        ),
      );
    },
  });
}
export type Router = ReturnType<typeof createRouter>;
