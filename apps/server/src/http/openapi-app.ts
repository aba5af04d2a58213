import { OpenAPIHono } from '@hono/zod-openapi';
import { problemResponse, toProblem } from './problem';
import { findUnstorableValue } from './unstorable-input';
import type { AppEnv } from './app-env';

/**
 * An OpenAPIHono whose validation failures answer problem+json VALIDATION_FAILED, naming each
 * field and what is wrong with it. Every router of the API is built with this, so these hold on
 * every route:
 * - a declared JSON body is required: a missing body is validated as `{}` (so missing fields are
 *   named), and a body in another content type is refused (see `problemFromError` for the 415);
 * - a value that passed its schema but that the database cannot store (a NUL character, a whole
 *   number beyond PostgreSQL's integer) is refused, naming the field, before it reaches the
 *   database (see `findUnstorableValue`).
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) {
        const found = findUnstorableValue(result.data);
        if (!found) return;
        const field = found.at.join('.') || result.target;
        const { message } = found;
        return problemResponse(c, toProblem('VALIDATION_FAILED', `The request ${result.target} is not valid: ${field}: ${message}`, c.var.requestId, [{ field, message }]));
      }
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
  // zod-openapi skips the body validator of an optional body when no JSON content type is sent,
  // handing the route `{}` unchecked; a declared body is therefore always required (an all-optional
  // body still accepts `{}` and a request without one).
  const register = router.openapi.bind(router);
  router.openapi = ((route, handler, hook) =>
    register(route.request?.body ? { ...route, request: { ...route.request, body: { ...route.request.body, required: true } } } : route, handler, hook)) as typeof router.openapi;
  return router;
}
export type Router = ReturnType<typeof createRouter>;
