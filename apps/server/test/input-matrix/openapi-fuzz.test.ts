import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Role } from '@csphub/domain';
import { createTestApp, type TestApp } from '../test-app';
import { callersOf, seedWorld, type Caller, type World } from '../channel-world';
import { documentedOperations, fieldPaths, setAt, validRequest, withPathParam, withQueryParam, type JsonSchema, type Operation } from './openapi-operations';

/**
 * A property-based fuzz of the whole API, derived from the OpenAPI document: for every operation,
 * bodies and parameters are generated from its JSON schemas (valid-looking values) and then
 * mutated (a field replaced by any JSON value, a NUL byte, an over-long string, a field dropped,
 * an unknown field added), sent as a distributor admin with real ids in the path. Whatever comes
 * back must be below 500, and problem+json when it is an error. Seeded and bounded: FUZZ_SEED and
 * FUZZ_RUNS (runs per operation) change it; a failure prints the seed and path to replay it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

/** Strings a person might type, plus the awkward ones. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000', '%00', '\uD800', '💥', "'; drop table users; --", '../../etc/passwd', '<script>', 'x'.repeat(10_000)),
);

/** An arbitrary for a JSON schema (OpenAPI 3.0 flavour), bounded in size. */
export function arbitraryOf(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.jsonValue({ maxDepth: 2 });
  const base = baseArbitrary(schema, depth);
  return schema.nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function baseArbitrary(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.length > 0) return fc.oneof(...variants.map((v) => arbitraryOf(v, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
    }
    return arbitraryOf(merged, depth + 1);
  }
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'email') return fc.oneof(fc.emailAddress(), text);
      if (schema.format === 'date-time') return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      return fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 200) }), text);
    case 'integer':
      return fc.oneof(fc.integer({ min: typeof schema.minimum === 'number' ? schema.minimum : -10, max: typeof schema.maximum === 'number' ? schema.maximum : 10_000 }), fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER));
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryOf(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (props.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      const required = new Set(schema.required ?? []);
      return fc.record(Object.fromEntries(props.map(([k, v]) => [k, arbitraryOf(v, depth + 1)])), { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Lone surrogates replaced by U+FFFD, as a client encoding a URL does (encodeURIComponent throws on them). */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A stable 31-bit hash of a route name. */
function hashOf(route: string): number {
  let h = 0;
  for (const ch of route) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h & 0x7fffffff;
}

/** One fuzzed request: what to change in a valid request. */
interface Fuzzed {
  body: unknown;
  /** A mutation applied to the body after generation. */
  mutate: { kind: 'none' } | { kind: 'replace'; field: number; value: unknown } | { kind: 'drop'; field: number } | { kind: 'extra'; key: string; value: unknown } | { kind: 'whole'; value: unknown };
  query: Record<string, string>;
  path: Record<string, string>;
  /** Send the body with another content type. */
  contentType: 'application/json' | 'text/plain' | 'none';
}

function fuzzedOf(op: Operation): fc.Arbitrary<Fuzzed> {
  const fields = fieldPaths(op.body);
  const paramValue = (schema: JsonSchema) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, arbitraryOf(schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))), text);
  const params = (where: 'query' | 'path') =>
    fc.record(Object.fromEntries(op.parameters.filter((p) => p.in === where).map((p) => [p.name, paramValue(p.schema)]))).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>);
  const mutate: fc.Arbitrary<Fuzzed['mutate']> = fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
    ...(fields.length > 0
      ? [
          fc.record({ kind: fc.constant('replace' as const), field: fc.nat(fields.length - 1), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), text) }),
          fc.record({ kind: fc.constant('drop' as const), field: fc.nat(fields.length - 1) }),
        ]
      : []),
    fc.record({ kind: fc.constant('extra' as const), key: fc.string({ maxLength: 10 }), value: fc.jsonValue({ maxDepth: 1 }) }),
    fc.record({ kind: fc.constant('whole' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  );
  return fc.record({
    body: op.body ? arbitraryOf(op.body) : fc.constant(undefined),
    mutate,
    query: params('query'),
    path: params('path'),
    contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'none'),
  });
}

function bodyOf(op: Operation, f: Fuzzed): unknown {
  const fields = fieldPaths(op.body);
  switch (f.mutate.kind) {
    case 'none':
      return f.body;
    case 'replace':
      return setAt(f.body, fields[f.mutate.field]!.path, f.mutate.value);
    case 'drop': {
      const path = fields[f.mutate.field]!.path;
      const copy = structuredClone(f.body ?? {}) as Record<string | number, unknown>;
      let at: Record<string | number, unknown> | undefined = copy;
      for (const key of path.slice(0, -1)) at = at?.[key] && typeof at[key] === 'object' ? (at[key] as Record<string | number, unknown>) : undefined;
      if (at) delete at[path.at(-1)!];
      return copy;
    }
    case 'extra':
      return { ...(f.body && typeof f.body === 'object' ? f.body : {}), [f.mutate.key]: f.mutate.value };
    case 'whole':
      return f.mutate.value;
  }
}

describe('OpenAPI-derived fuzz (seeded, bounded)', () => {
  let t: TestApp;
  let world: World;
  let callers: Record<Role, Caller>;
  let operations: Operation[];

  beforeAll(async () => {
    t = await createTestApp(
      {},
      {
        connectionTester: { test: async (_c, now) => ({ ok: true, checks: [], testedAt: now.toISOString() }) },
        runs: { retryNewTenant: async () => true, wakeMcaCheck: async () => undefined, startRequestGdap: async (input) => ({ runId: `request-gdap:${input.rowId}` }), startBulkFix: async () => {}, startImportRead: async () => {}, startImportApply: async () => {} },
      },
    );
    world = await seedWorld(t);
    callers = await callersOf(t, world);
    operations = await documentedOperations(t);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it(`answers no generated request with a 5xx (seed ${SEED}, ${RUNS} runs per operation)`, { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const op of operations) {
      // One valid request per operation gives real ids; the fuzz changes its path ids, query and body.
      const valid = await validRequest(op, { t, world, callers, label: `fuzz ${op.route}` });
      await fc.assert(
        fc.asyncProperty(fuzzedOf(op), async (f) => {
          let path = valid.path;
          for (const [name, value] of Object.entries(f.path)) path = withPathParam(op, path, name, encodeURIComponent(wellFormed(value)));
          for (const [name, value] of Object.entries(f.query)) path = withQueryParam(path, name, value);
          const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : JSON.stringify(bodyOf(op, f) ?? null);
          const headers = { ...valid.headers, ...(body !== undefined && f.contentType !== 'none' ? { 'content-type': f.contentType } : {}) };
          sent++;
          const res = await t.app.request(path, { method: op.method, headers, ...(body !== undefined ? { body } : {}) });
          const answer = await res.text();
          const wrong = res.status >= 500 ? 'a 5xx' : res.status >= 400 && !(res.headers.get('content-type') ?? '').includes('application/problem+json') ? 'not problem+json' : undefined;
          // Recorded rather than thrown, so that one run lists every operation that fails.
          if (wrong) failures.push(`${op.route} (${wrong}) ${op.method} ${path.slice(0, 200)} ${body?.slice(0, 200) ?? ''} -> ${res.status} ${answer.slice(0, 200)}`);
        }),
        // A seed per operation derived from its name (adding a route does not reshuffle the others' cases).
        { seed: SEED ^ hashOf(op.route), numRuns: RUNS },
      );
    }
    const routes = new Set(failures.map((f) => f.split(' (')[0]));
    if (failures.length > 0) console.log(`fuzz (seed ${SEED}): ${failures.length} of ${sent} requests failed on ${routes.size} operations:\n${failures.join('\n')}`);
    expect(failures, `fuzz seed ${SEED}: ${failures.length} of ${sent} requests failed on ${routes.size} operations`).toEqual([]);
    expect(sent).toBe(operations.length * RUNS);
  });
});
