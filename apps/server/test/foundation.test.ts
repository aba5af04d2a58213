import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Writable } from 'node:stream';
import { createTestApp } from './test-app';
import { createLogger } from '../src/logger';

describe('server foundation', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('answers /healthz with 200, the database state and the emulator mode', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { database: { kind: string } };
    expect(body).toMatchObject({ status: 'ok', database: { ok: true }, emulator: { mode: 'off' } });
    expect(['pglite', 'postgres']).toContain(body.database.kind);
  });

  it('serves a valid OpenAPI 3 document derived from the routes', async () => {
    const res = await t.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    await SwaggerParser.validate(structuredClone(doc) as never);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/v1/system']));
  });

  it('answers unknown API routes with problem+json, a stable code and the request id', async () => {
    const res = await t.app.request('/api/v1/nothing-here', { headers: { 'x-request-id': 'req-12345678' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('x-request-id')).toBe('req-12345678');
    expect(await res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: 'req-12345678', status: 404 });
  });

  it('makes a request id when the caller sends none or a malformed one', async () => {
    const res = await t.app.request('/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('logger redaction', () => {
  it('never writes passwords, secrets, tokens or authorization headers', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const log = createLogger('info', sink);
    log.info(
      {
        password: 'hunter2-password',
        connection: { clientSecret: 'sekret-value', refreshToken: 'rt-value' },
        req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=xyz' } },
        user: { password: 'p2-value', passwordHash: '$argon2id$hash-value' },
        session: { csrfToken: 'csrf-value' },
        created: { connection: { appSecret: 'app-secret-value' } },
      },
      'sign-in',
    );
    for (const secret of ['hunter2-password', 'sekret-value', 'rt-value', 'abc.def', 'sid=xyz', 'p2-value', 'hash-value', 'csrf-value', 'app-secret-value']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });
});
