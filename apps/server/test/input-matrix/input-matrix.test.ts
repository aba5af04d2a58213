import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@csphub/domain';
import { createTestApp, type TestApp } from '../test-app';
import { callersOf, seedWorld, type Caller, type World } from '../channel-world';
import { documentedOperations, fieldPaths, isType, setAt, validRequest, withPathParam, withQueryParam, type JsonSchema, type Operation } from './openapi-operations';

/**
 * Bad input never gives a 5xx: every operation of the OpenAPI document receives malformed JSON, an
 * empty body, a non-JSON content type, an array for an object, a NUL byte in each body field, query
 * and path parameter, over-long strings and wrong types, signed in as a distributor admin (so that
 * authorization passes and the input reaches validation) and signed out. Each answer is below 500
 * and problem+json with a `code`; a validation failure names the field; a refused request writes
 * nothing. Operations come from the document, so a new route is covered as soon as it is mounted.
 */

/** One malformed request, derived from a valid one. */
interface Mutation {
  name: string;
  /** The field, query or path parameter the mutation targets, which a 400 must name. */
  field?: string;
  /** A NUL byte must be refused (4xx), whatever else the route accepts. */
  mustRefuse?: boolean;
  path: string;
  contentType?: string;
  body?: string;
}

const NUL = 'a\u0000b';
/** The mutations also sent signed out: one of each class of bad input. */
const SIGNED_OUT = /^(malformed JSON|JSON content type, empty body|a form instead of JSON|valid JSON sent as text\/plain|a JSON array instead of an object|NUL in (query|path) |bad percent-encoding)/;
// Longer than any field's declared maximum (the longest are secrets and passwords, a few KiB).
const LONG = 'x'.repeat(20_000);

/** The wrong-typed value for a schema: a string for numbers, booleans, arrays and objects; a number for strings. */
function wrongType(schema: JsonSchema): unknown {
  if (isType(schema, 'string')) return 12345;
  if (isType(schema, 'array')) return 'not-an-array';
  if (isType(schema, 'object')) return 'not-an-object';
  return 'not-a-number-or-boolean';
}

function mutationsOf(op: Operation, valid: { path: string; body?: unknown }): Mutation[] {
  const out: Mutation[] = [];
  const takesBody = op.method !== 'GET' && op.method !== 'DELETE';
  const base = valid.body ?? {};
  const asJson = (body: unknown) => ({ contentType: 'application/json', body: JSON.stringify(body) });
  if (takesBody) {
    out.push({ name: 'malformed JSON', path: valid.path, contentType: 'application/json', body: '{"oops":' });
    out.push({ name: 'JSON content type, empty body', path: valid.path, contentType: 'application/json', body: '' });
    out.push({ name: 'no body, no content type', path: valid.path });
    out.push({ name: 'valid JSON sent as text/plain', path: valid.path, contentType: 'text/plain', body: JSON.stringify(base) });
    out.push({ name: 'a form instead of JSON', path: valid.path, contentType: 'application/x-www-form-urlencoded', body: 'name=x&connectionId=y' });
    out.push({ name: 'valid JSON, no content type', path: valid.path, body: JSON.stringify(base) });
    out.push({ name: 'a JSON array instead of an object', path: valid.path, ...asJson([base]) });
    out.push({ name: 'JSON null', path: valid.path, ...asJson(null) });
    out.push({ name: 'a JSON string', path: valid.path, ...asJson('text') });
    out.push({ name: 'NUL in an unknown field', path: valid.path, ...asJson({ ...(base as object), ['x\u0000']: NUL }) });
    for (const f of fieldPaths(op.body)) {
      const field = f.path.join('.');
      if (isType(f.schema, 'string')) {
        // A field of an object the valid request does not send (one of two alternatives, say) comes
        // alone: the answer may name the object's other, missing fields instead of this one.
        const named = parentSent(base, f.path) ? { field } : {};
        out.push({ name: `NUL in body ${field}`, ...named, mustRefuse: true, path: valid.path, ...asJson(setAt(base, f.path, NUL)) });
        out.push({ name: `over-long body ${field}`, field, path: valid.path, ...asJson(setAt(base, f.path, LONG)) });
      }
      out.push({ name: `wrong type in body ${field}`, field, path: valid.path, ...asJson(setAt(base, f.path, wrongType(f.schema))) });
    }
  }
  const withBody = takesBody && valid.body !== undefined ? asJson(valid.body) : {};
  for (const p of op.parameters) {
    if (p.in === 'query') {
      out.push({ name: `NUL in query ${p.name}`, field: p.name, mustRefuse: true, path: withQueryParam(valid.path, p.name, NUL), ...withBody });
      out.push({ name: `over-long query ${p.name}`, field: p.name, path: withQueryParam(valid.path, p.name, LONG.slice(0, 5000)), ...withBody });
      out.push({ name: `wrong type in query ${p.name}`, field: p.name, path: withQueryParam(valid.path, p.name, isType(p.schema, 'string') ? '[]' : 'abc'), ...withBody });
    }
    if (p.in === 'path') {
      out.push({ name: `NUL in path ${p.name}`, field: p.name, mustRefuse: true, path: withPathParam(op, valid.path, p.name, encodeURIComponent(NUL)), ...withBody });
      out.push({ name: `over-long path ${p.name}`, field: p.name, path: withPathParam(op, valid.path, p.name, LONG.slice(0, 5000)), ...withBody });
      out.push({ name: `wrong type in path ${p.name}`, field: p.name, path: withPathParam(op, valid.path, p.name, 'not-an-id'), ...withBody });
      out.push({ name: `bad percent-encoding in path ${p.name}`, path: withPathParam(op, valid.path, p.name, '%E0%A4%A'), ...withBody });
    }
  }
  return out;
}

describe('malformed input matrix over every OpenAPI operation', () => {
  let t: TestApp;
  let world: World;
  let callers: Record<Role, Caller>;
  let operations: Operation[];
  const failures: string[] = [];
  let sent = 0;

  beforeAll(async () => {
    t = await createTestApp(
      {},
      {
        connectionTester: { test: async (_c, now) => ({ ok: true, checks: [], testedAt: now.toISOString() }) },
        // No durable-run engine in this process (as in the access matrix): "retry" answers as a waiting run would.
        runs: { retryNewTenant: async () => true, wakeMcaCheck: async () => undefined, startRequestGdap: async (input) => ({ runId: `request-gdap:${input.rowId}` }), startBulkFix: async () => {}, startImportRead: async () => {}, startImportApply: async () => {} },
      },
    );
    world = await seedWorld(t);
    callers = await callersOf(t, world);
    operations = await documentedOperations(t);
  });
  afterAll(async () => {
    console.log(`input matrix: ${failures.length} of ${sent} requests over ${operations?.length ?? 0} operations failed${failures.length > 0 ? `:\n${failures.join('\n')}` : ''}`);
    await t?.dispose();
  });

  /** Audit entries in the whole channel, and the target company as stored: what a refused request must not change. */
  async function snapshot(companyId: number | undefined) {
    const audit = (await world.repos.auditLog.list({ pathPrefix: world.d.path, limit: 1 }))[0]?.id ?? 0;
    const company = companyId !== undefined ? await world.repos.companies.get(companyId) : undefined;
    const connections = await world.repos.connections.list(world.d.id);
    return { audit, company, connections };
  }

  /** Sends one mutation and returns what is wrong with the answer (empty when nothing), and whether it was refused. */
  async function check(op: Operation, m: Mutation, headers: Record<string, string>, signedIn: boolean, companyId: number | undefined): Promise<{ problems: string[]; refused: boolean }> {
    const changes = op.method !== 'GET';
    const before = changes ? await snapshot(companyId) : undefined;
    sent++;
    const res = await t.app.request(m.path, {
      method: op.method,
      headers: { ...headers, ...(m.contentType ? { 'content-type': m.contentType } : {}) },
      ...(m.body !== undefined ? { body: m.body } : {}),
    });
    const text = await res.text();
    const label = `${op.route} [${!op.secured ? 'public' : signedIn ? 'distributor admin' : 'signed out'}] ${m.name}: ${res.status} ${text.slice(0, 300)}`;
    const problems: string[] = [];
    if (res.status >= 500) return { problems: [label], refused: false };
    if (res.status >= 400) {
      if (!(res.headers.get('content-type') ?? '').includes('application/problem+json')) problems.push(`${label} (not problem+json)`);
      let body: { code?: string; errors?: { field?: string }[]; detail?: string } = {};
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`${label} (body is not JSON)`);
      }
      if (!body.code) problems.push(`${label} (no code)`);
      if (res.status === 400 && signedIn && m.field) {
        const named = (body.errors ?? []).some((e) => (e.field ?? '').split('.').includes(m.field!.split('.').at(-1)!)) || (body.detail ?? '').includes(m.field);
        if (!named) problems.push(`${label} (does not name ${m.field})`);
      }
      if (res.status === 400 && changes) {
        const after = await snapshot(companyId);
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${label} (a refused request changed stored data)`);
      }
    } else if (m.mustRefuse && signedIn) {
      problems.push(`${label} (a NUL byte was accepted)`);
    }
    return { problems, refused: res.status === 400 };
  }

  it('lists operations to cover', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  it('answers every malformed request below 500 with problem+json naming the field, signed in and signed out', { timeout: 600_000 }, async () => {
    for (const op of operations) {
      let valid = await validRequest(op, { t, world, callers, label: op.route });
      const count = mutationsOf(op, valid).length;
      for (let i = 0; i < count; i++) {
        const m = mutationsOf(op, valid)[i]!;
        const companyId = /\/companies\/(\d+)/.exec(valid.path)?.[1];
        const signedIn = await check(op, m, valid.headers, true, companyId ? Number(companyId) : undefined);
        failures.push(...signedIn.problems);
        // Signed out, the classes of bad input (the authentication answers before field validation).
        if (op.secured && SIGNED_OUT.test(m.name)) failures.push(...(await check(op, m, {}, false, undefined)).problems);
        // A request that was not refused may have changed its target (or used up a one-time
        // fixture): the next mutation starts from a fresh valid request. Mutations come in a fixed order.
        if (!signedIn.refused && op.method !== 'GET') valid = await validRequest(op, { t, world, callers, label: `${op.route} #${i}` });
      }
    }
    expect(failures, `${failures.length} of ${sent} malformed requests were answered wrongly`).toEqual([]);
  });
});

/** Whether the valid body sends the object that holds the field at `path` (the body itself counts). */
function parentSent(base: unknown, path: (string | number)[]): boolean {
  let at: unknown = base;
  for (const key of path.slice(0, -1)) {
    if (!at || typeof at !== 'object') return false;
    at = (at as Record<string | number, unknown>)[key];
  }
  return !!at && typeof at === 'object';
}
