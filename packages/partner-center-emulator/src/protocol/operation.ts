import type { ThrottleFamily } from './throttle';

/**
 * One emulated operation: its wire method and path, who may call it and how it is limited. The
 * table of these (built by the `*.routes.ts` modules) is the protocol layer's map of the API; the
 * operation id names it in the call log and counters (`GET /_emulator/calls`).
 */
export interface OperationSpec {
  /** Stable id, `family.verb`, e.g. `customers.create`. */
  id: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Hono path under the API's mount (`/v1/customers/:customerId`). */
  path: string;
  api: 'pc' | 'graph';
  /** `user` = app+user only (403/900329 to app-only tokens, partner-center-api.md §1.2). */
  auth: 'app-or-user' | 'user';
  throttle?: ThrottleFamily;
  /** Section of partner-center-api.md the handler follows. */
  doc: string;
}
