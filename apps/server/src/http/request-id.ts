import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

const SAFE = /^[A-Za-z0-9._:-]{8,128}$/;

/** Takes a sane incoming X-Request-Id or makes one, exposes it as `c.var.requestId` and echoes it. */
export function requestId(): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const id = incoming && SAFE.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  };
}
