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

/**
 * Hono's path for a catalogue template: `{name}` becomes `:name`; an OData key segment
 * (`pricesheets(Market='{market}',PricesheetView='{view}')`) becomes one parameter named after the
 * entity set plus `Key` (`:pricesheetsKey`), which the handler parses with `odataKeyOf`.
 */
function honoPath(template: string): string {
  return template
    .split('/')
    .map((segment) => {
      const open = segment.indexOf('(');
      return open > 0 && segment.endsWith(')') ? `:${segment.slice(0, open)}Key` : segment.replace(/\{(\w+)\}/g, ':$1');
    })
    .join('/');
}

/**
 * The entity set and key values of an OData key segment (`pricesheets(Market='US',PricesheetView='x')`),
 * names lower-cased; undefined when the segment is not one.
 */
export function odataKeyOf(segment: string): { set: string; keys: Record<string, string> } | undefined {
  const m = /^(\w+)\((.*)\)$/.exec(segment);
  if (!m) return undefined;
  const keys: Record<string, string> = {};
  for (const part of m[2]!.split(',')) {
    const kv = /^\s*(\w+)\s*=\s*'([^']*)'\s*$/.exec(part);
    if (!kv) return undefined;
    keys[kv[1]!.toLowerCase()] = kv[2]!;
  }
  return { set: m[1]!, keys };
}

/** The emulator's view of catalogue entry `id` (`{name}` path parameters become Hono's `:name`). */
export function operationSpec(id: OperationId): OperationSpec {
  const op = operationDefinition(id);
  return {
    id,
    method: op.method,
    path: honoPath(op.path),
    api: op.api === 'partnerCenter' ? 'pc' : 'graph',
    auth: op.auth === 'appUser' ? 'user' : 'app-or-user',
    ...(op.throttle ? { throttle: op.throttle } : {}),
    doc: op.doc,
  };
}
