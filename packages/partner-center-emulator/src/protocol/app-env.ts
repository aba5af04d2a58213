import type { HttpBindings } from '@hono/node-server';

/** Hono environment: on the Node server `c.env` carries the raw request (used to drop a connection). */
export type AppEnv = { Bindings: Partial<HttpBindings> };
