import type { Role } from '@csphub/domain';
import type { TestApp } from '../test-app';
import type { Caller, World } from '../channel-world';
import { json } from '../channel-world';
import { ROUTE_FIXTURES, type CaseRequest, type Targets } from '../access-matrix/route-fixtures';

/** A JSON schema node as the OpenAPI document writes it (3.0: `nullable`, `$ref` to components). */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

/** One documented parameter. */
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

/** One operation of the OpenAPI document, with `$ref`s resolved. */
export interface Operation {
  /** `METHOD /path/{param}`, as the access matrix keys its fixtures. */
  route: string;
  method: string;
  path: string;
  parameters: Parameter[];
  /** The JSON body schema, when the operation takes one. */
  body?: JsonSchema;
  /** Whether the document says the operation needs no authentication (`security` absent). */
  secured: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

/** Inlines every `$ref` to `#/components/...` (the document has no recursive schemas). */
function resolve(doc: Doc, node: unknown, depth = 0): unknown {
  if (depth > 30) throw new Error('The OpenAPI document nests schemas deeper than 30 levels (a recursive $ref?)');
  if (Array.isArray(node)) return node.map((n) => resolve(doc, n, depth + 1));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: string }).$ref;
  if (typeof ref === 'string') {
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((at: Doc, key) => at?.[key], doc);
    if (!target) throw new Error(`Unresolved $ref ${ref} in the OpenAPI document`);
    return resolve(doc, target, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(doc, v, depth + 1)]));
}

/** Reads /api/openapi.json from the app and lists every operation. */
export async function documentedOperations(t: TestApp): Promise<Operation[]> {
  const doc = await json(t.app.request('/api/openapi.json'));
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Doc>>)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const resolved = resolve(doc, op) as Doc;
      const body = resolved.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined;
      out.push({
        route: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters: (resolved.parameters ?? []) as Parameter[],
        ...(body ? { body } : {}),
        secured: Array.isArray(resolved.security) && resolved.security.length > 0,
      });
    }
  }
  return out;
}

/**
 * Valid requests for the routes the access matrix marks public (it has no request for them). A
 * public route missing here makes the input matrix fail with a message naming it.
 */
const PUBLIC_REQUESTS: Record<string, (world: World) => CaseRequest> = {
  'GET /healthz': () => ({ path: '/healthz' }),
  'GET /api/v1/system': () => ({ path: '/api/v1/system' }),
  'POST /api/v1/auth/login': (world) => ({ path: '/api/v1/auth/login', body: { email: world.users.billing_reader, password: 'not-the-password' } }),
  'POST /api/v1/webhooks/partner-center/{connectionId}': (world) => ({ path: `/api/v1/webhooks/partner-center/${world.conn.id}`, body: { EventName: 'test-created', ResourceUri: 'https://api.partnercenter.microsoft.com/webhooks/v1/', ResourceName: 'test', AuditUri: null, ResourceChangeUtcDate: '2026-01-01T00:00:00Z' } }),
};

/** Fresh companies for one request of a distributor admin, as the access matrix makes them. */
export async function distributorTargets(world: World, label: string): Promise<Targets> {
  const customer = await world.repos.companies.create({ kind: 'customer', parent: world.r1, name: `Input ${label}`, now: new Date() });
  return { customer, parent: world.r1, otherParent: world.r2 };
}

/**
 * A valid request for an operation, with real ids in its path, built by the route's access-matrix
 * fixture (apps/server/test/access-matrix/route-fixtures.ts) as a distributor admin would send it.
 * Throws, naming the route and the file to edit, when the route has no fixture.
 */
export async function validRequest(op: Operation, ctx: { t: TestApp; world: World; callers: Record<Role, Caller>; label: string }): Promise<CaseRequest & { headers: Record<string, string> }> {
  const fixture = ROUTE_FIXTURES[op.route];
  if (!fixture) {
    throw new Error(
      `${op.route} has no path-id fixture: add an entry to apps/server/test/access-matrix/route-fixtures.ts (or a table spread into it) so that the input matrix and the fuzz test can build a request with real ids.`,
    );
  }
  const caller = ctx.callers.distributor_admin;
  if (fixture.scope === 'public') {
    const build = PUBLIC_REQUESTS[op.route];
    if (!build) throw new Error(`${op.route} is public and has no valid request: add one to PUBLIC_REQUESTS in apps/server/test/input-matrix/openapi-operations.ts.`);
    return { ...build(ctx.world), headers: {} };
  }
  const req = await fixture.request({ t: ctx.t, world: ctx.world, caller, target: await distributorTargets(ctx.world, ctx.label) });
  return { ...req, headers: req.headers ?? caller.headers };
}

/** A path with one path parameter's segment replaced by a raw (already encoded) value. */
export function withPathParam(op: Operation, concretePath: string, name: string, rawValue: string): string {
  const templ = op.path.split('/');
  const [pathname, query] = concretePath.split('?') as [string, string | undefined];
  const parts = pathname.split('/');
  const index = templ.indexOf(`{${name}}`);
  if (index < 0 || parts.length !== templ.length) throw new Error(`Cannot place {${name}} in ${concretePath} for ${op.route}`);
  parts[index] = rawValue;
  return parts.join('/') + (query !== undefined ? `?${query}` : '');
}

/** A path with one query parameter set to a value (encoded here). */
export function withQueryParam(concretePath: string, name: string, value: string): string {
  const url = new URL(concretePath, 'http://matrix.local');
  url.searchParams.set(name, value);
  return url.pathname + url.search;
}

/** The dotted paths of every property a body schema declares (objects recursed, arrays through their first item). */
export function fieldPaths(schema: JsonSchema | undefined, prefix: (string | number)[] = [], depth = 0): { path: (string | number)[]; schema: JsonSchema }[] {
  if (!schema || depth > 4) return [];
  const variants = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const out: { path: (string | number)[]; schema: JsonSchema }[] = [];
  for (const s of variants) {
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      const path = [...prefix, name];
      if (out.some((o) => o.path.join('.') === path.join('.'))) continue;
      out.push({ path, schema: child });
      out.push(...fieldPaths(child, path, depth + 1));
    }
    if (s.type === 'array' && s.items) out.push(...fieldPaths(s.items, [...prefix, 0], depth + 1));
  }
  return out;
}

/** A deep copy of `body` with the value at `path` replaced (missing containers are created). */
export function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const root = structuredClone(body ?? {}) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      at[key] = value;
      return;
    }
    const next = at[key];
    if (!next || typeof next !== 'object') at[key] = typeof path[i + 1] === 'number' ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  });
  return root;
}

/** Whether a schema (or one of its variants) is of a type. */
export function isType(schema: JsonSchema, type: string): boolean {
  return schema.type === type || [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some((s) => s.type === type);
}
