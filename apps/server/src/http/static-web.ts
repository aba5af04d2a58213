import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
/** Text worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
/** Below this, the encoding headers cost more than they save. */
const MIN_COMPRESS_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

type Encoding = 'br' | 'gzip';
interface Variants {
  readonly mtimeMs: number;
  readonly size: number;
  readonly identity: Uint8Array<ArrayBuffer>;
  readonly encoded: Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>;
}

/** The encoding to answer with, from the request's Accept-Encoding (RFC 9110 §12.5.3): brotli first, then gzip. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const weight = (enc: Encoding) => q.get(enc) ?? q.get('*') ?? 0;
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

function encode(body: Uint8Array, encoding: Encoding): Promise<Uint8Array<ArrayBuffer>> {
  const compressed = encoding === 'br'
    ? brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
    : gzip(body, { level: 9 });
  return compressed.then((bytes) => new Uint8Array(bytes));
}

/**
 * Serves the built web app from `dir`: hashed assets with a long cache, any other GET that is not
 * an API path falls back to index.html so client-side routes survive a reload. Text is sent brotli-
 * or gzip-compressed when the browser accepts it (each file compressed once, then kept in memory
 * until it changes on disk). Source maps are never served: the build keeps them beside the bundle
 * for whoever runs the server, not for every visitor.
 */
export function staticWeb(dir: string): MiddlewareHandler {
  const root = path.resolve(dir);
  const cache = new Map<string, Variants>();

  async function variantsOf(file: string, mtimeMs: number, size: number): Promise<Variants> {
    const known = cache.get(file);
    if (known && known.mtimeMs === mtimeMs && known.size === size) return known;
    const fresh: Variants = { mtimeMs, size, identity: new Uint8Array(await fs.readFile(file)), encoded: new Map() };
    cache.set(file, fresh);
    return fresh;
  }

  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    if (url.pathname.startsWith('/api/') || url.pathname === '/healthz') return next();
    if (url.pathname.endsWith('.map')) return next();
    const requested = path.resolve(root, '.' + decodeURIComponent(url.pathname));
    if (!requested.startsWith(root)) return next();
    let file = requested;
    let stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) {
      if (path.extname(url.pathname)) return next(); // a missing asset is a 404, not the app
      file = path.join(root, 'index.html');
      stat = await fs.stat(file).catch(() => undefined);
      if (!stat?.isFile()) return next();
    }
    const ext = path.extname(file);
    const variants = await variantsOf(file, stat.mtimeMs, stat.size);
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    const compressible = COMPRESSIBLE.has(ext) && variants.identity.byteLength >= MIN_COMPRESS_BYTES;
    if (!compressible) return c.body(variants.identity, 200, headers);
    headers.vary = 'accept-encoding';
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return c.body(variants.identity, 200, headers);
    let encoded = variants.encoded.get(encoding);
    if (!encoded) {
      encoded = encode(variants.identity, encoding);
      variants.encoded.set(encoding, encoded);
    }
    return c.body(await encoded, 200, { ...headers, 'content-encoding': encoding });
  };
}
