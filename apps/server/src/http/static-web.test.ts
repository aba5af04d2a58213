import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, staticWeb } from './static-web';

describe('staticWeb', () => {
  let dir: string;
  const script = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `word${i % 50}`))};\n`;
  const app = new Hono();
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csphub-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>CSP Hub</title>');
    fs.writeFileSync(path.join(dir, 'assets/index-abc.js'), script);
    fs.writeFileSync(path.join(dir, 'assets/index-abc.js.map'), '{"version":3}');
    app.use('*', staticWeb(dir));
    app.notFound((c) => c.text('none', 404));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sends brotli when the browser accepts it, and the bytes decode to the file', async () => {
    const res = await app.request('/assets/index-abc.js', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('accept-encoding');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.byteLength).toBeLessThan(script.length / 4);
    expect(zlib.brotliDecompressSync(body).toString()).toBe(script);
  });

  it('sends gzip to a client without brotli, and the file as it is to one that accepts neither', async () => {
    const gz = await app.request('/assets/index-abc.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);
    const plain = await app.request('/assets/index-abc.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('never serves a source map', async () => {
    const res = await app.request('/assets/index-abc.js.map');
    expect(res.status).toBe(404);
  });

  it('leaves small files uncompressed and falls back to index.html for client routes', async () => {
    const res = await app.request('/companies/42', { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toContain('CSP Hub');
  });

  it('serves a file changed on disk as it is now, not as it was compressed before', async () => {
    const file = path.join(dir, 'assets/changing.js');
    fs.writeFileSync(file, 'a'.repeat(5000));
    const first = await app.request('/assets/changing.js', { headers: { 'accept-encoding': 'br' } });
    expect(zlib.brotliDecompressSync(Buffer.from(await first.arrayBuffer())).toString()).toBe('a'.repeat(5000));
    fs.writeFileSync(file, 'b'.repeat(6000));
    const second = await app.request('/assets/changing.js', { headers: { 'accept-encoding': 'br' } });
    expect(zlib.brotliDecompressSync(Buffer.from(await second.arrayBuffer())).toString()).toBe('b'.repeat(6000));
  });
});

describe('chooseEncoding', () => {
  it('honours q-values and refusals (RFC 9110)', () => {
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0, gzip;q=0')).toBeUndefined();
  });
  it('never picks an encoding the header refuses', () => {
    fc.assert(
      fc.property(fc.constantFrom('br', 'gzip', 'deflate', 'identity', '*'), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('br', 'gzip', 'deflate'), (a, qa, b) => {
        const header = `${a};q=${qa.toFixed(2)}, ${b}`;
        const picked = chooseEncoding(header);
        if (picked === undefined) return;
        const refused = (a === picked || a === '*') && Number(qa.toFixed(2)) === 0 && b !== picked;
        expect(refused).toBe(false);
      }),
    );
  });
});
