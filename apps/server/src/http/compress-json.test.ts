import zlib from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { compressJson } from './compress-json';

describe('compressJson', () => {
  const rows = Array.from({ length: 200 }, (_, i) => ({ id: 100_000 + i, name: `Scale Customer ${String(i).padStart(5, '0')}`, kind: 'customer', status: 'active' }));
  const app = new Hono();
  app.use('*', compressJson());
  app.get('/big', (c) => c.json({ rows }));
  app.get('/small', (c) => c.json({ ok: true }));
  app.get('/text', (c) => c.text('x'.repeat(5000)));
  app.get('/problem', (c) => c.body(JSON.stringify({ code: 'NOT_FOUND', detail: 'y'.repeat(2000) }), 404, { 'content-type': 'application/problem+json' }));

  it('sends a large JSON answer brotli-compressed when accepted, and it decodes to the same JSON', async () => {
    const res = await app.request('/big', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.byteLength).toBeLessThan(JSON.stringify({ rows }).length / 4);
    expect(JSON.parse(zlib.brotliDecompressSync(bytes).toString('utf8'))).toEqual({ rows });
  });

  it('falls back to gzip, and to the plain answer when the client accepts neither', async () => {
    const gz = await app.request('/big', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8'))).toEqual({ rows });
    const plain = await app.request('/big');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual({ rows });
  });

  it('keeps the status of a problem answer, and leaves small answers and other types as they are', async () => {
    const problem = await app.request('/problem', { headers: { 'accept-encoding': 'br' } });
    expect(problem.status).toBe(404);
    expect(problem.headers.get('content-encoding')).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(Buffer.from(await problem.arrayBuffer())).toString('utf8'))).toMatchObject({ code: 'NOT_FOUND' });
    const small = await app.request('/small', { headers: { 'accept-encoding': 'br' } });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toEqual({ ok: true });
    const text = await app.request('/text', { headers: { 'accept-encoding': 'br' } });
    expect(text.headers.get('content-encoding')).toBeNull();
    expect(await text.text()).toHaveLength(5000);
  });
});
