import fs from 'node:fs/promises';
import path from 'node:path';
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
  '.map': 'application/json',
};

/**
 * Serves the built web app from `dir`: hashed assets with a long cache, any other GET that is not
 * an API path falls back to index.html so client-side routes survive a reload.
 */
export function staticWeb(dir: string): MiddlewareHandler {
  const root = path.resolve(dir);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    if (url.pathname.startsWith('/api/') || url.pathname === '/healthz') return next();
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
    const body = new Uint8Array(await fs.readFile(file));
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    return c.body(body, 200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  };
}
