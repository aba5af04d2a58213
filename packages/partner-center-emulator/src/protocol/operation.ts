import { operationDefinition, type OperationId, type ThrottleClass } from '@csphub/partner-center/wire';

/**
 * One emulated operation as the protocol layer uses it, derived from the shared operation
 * catalogue (`@csphub/partner-center/wire`, operations.ts): its wire method and Hono path, who may
 * call it and how it is limited. The id names it in the call log and counters (`GET /_emulator/calls`).
 */
export interface OperationSpec {
  /** The catalogue id, `family.verb`, e.g. `customers.create`. */
  id: OperationId;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Hono path under the API's mount (`/v1/customers/:customerId`). */
  path: string;
  api: 'pc' | 'graph';
  /** `user` = app+user only (403/900329 to app-only tokens, docs/PARTNER-CENTER-REFERENCE.md §1.2). */
  auth: 'app-or-user' | 'user';
  /** Microsoft's throttle class, when the operation is on its throttling list. */
  throttle?: ThrottleClass;
  /** Section of docs/PARTNER-CENTER-REFERENCE.md the handler follows. */
  doc: string;
}

/** The emulator's view of catalogue entry `id` (`{name}` path parameters become Hono's `:name`). */
export function operationSpec(id: OperationId): OperationSpec {
  const op = operationDefinition(id);
  return {
    id,
    method: op.method,
    path: op.path.replace(/\{(\w+)\}/g, ':$1'),
    api: op.api === 'partnerCenter' ? 'pc' : 'graph',
    auth: op.auth === 'appUser' ? 'user' : 'app-or-user',
    ...(op.throttle ? { throttle: op.throttle } : {}),
    doc: op.doc,
  };
}
