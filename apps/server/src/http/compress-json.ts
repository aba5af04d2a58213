import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { chooseEncoding } from './static-web';

/** Below this, the encoding headers cost more than they save. */
const MIN_COMPRESS_BYTES = 1024;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Compresses a route's JSON answer (brotli, else gzip, by the request's Accept-Encoding) once the
 * handler has returned it whole: the answer is read into memory and compressed in one piece, never
 * streamed, so nothing stays open when the client goes away (Hono's streaming `compress()` could
 * keep an abandoned read's answer open; create-app.ts). For the large read-only answers only, such
 * as the company tree's pages; anything other than JSON, or already encoded, passes through.
 */
export function compressJson(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!/^application\/(problem\+)?json\b/.test(res.headers.get('content-type') ?? '') || res.headers.has('content-encoding')) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const encoding = body.byteLength >= MIN_COMPRESS_BYTES ? chooseEncoding(c.req.header('accept-encoding')) : undefined;
    const sent = !encoding
      ? body
      : encoding === 'br'
        ? await brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } })
        : await gzip(body, { level: 6 });
    const headers = new Headers(res.headers);
    headers.append('vary', 'accept-encoding');
    if (encoding) {
      headers.set('content-encoding', encoding);
      headers.delete('content-length');
    }
    // A fresh answer, not `c.res =` (Hono would copy the old headers back, Content-Length included).
    c.res = undefined;
    c.res = new Response(new Uint8Array(sent), { status: res.status, statusText: res.statusText, headers });
  };
}
