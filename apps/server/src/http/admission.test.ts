import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { AppError } from '@csphub/domain';
import type { AppEnv } from './app-env';
import { admission } from './admission';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** An app whose `/slow/:n` holds its turn until `gates[n]` opens, answering 503 + Retry-After for SERVER_BUSY. */
function appWith(limits: { maxConcurrent: number; maxQueued: number }) {
  const gates = new Map<string, ReturnType<typeof deferred>>();
  const started: string[] = [];
  const app = new Hono<AppEnv>();
  app.use('*', admission(limits));
  app.get('/slow/:n', async (c) => {
    const n = c.req.param('n');
    started.push(n);
    const gate = deferred();
    gates.set(n, gate);
    await gate.promise;
    return c.text(n);
  });
  app.onError((err, c) => {
    if (err instanceof AppError && err.code === 'SERVER_BUSY') {
      c.header('Retry-After', String(err.retryAfterSeconds));
      return c.json({ code: err.code }, 503);
    }
    throw err;
  });
  const open = async (n: string) => {
    while (!gates.has(n)) await new Promise((r) => setTimeout(r, 1));
    gates.get(n)!.resolve();
  };
  return { app, started, open };
}

describe('admission control', () => {
  it('works on at most maxConcurrent, queues maxQueued in arrival order, and refuses the rest at once with 503 and Retry-After', async () => {
    const { app, started, open } = appWith({ maxConcurrent: 2, maxQueued: 1 });
    const a = app.request('/slow/a');
    const b = app.request('/slow/b');
    const c = app.request('/slow/c');
    const refused = await app.request('/slow/d');
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({ code: 'SERVER_BUSY' });
    await open('a');
    expect(await (await a).text()).toBe('a');
    // c had waited; it now runs (b still holds the other turn).
    await open('c');
    expect(await (await c).text()).toBe('c');
    await open('b');
    expect(await (await b).text()).toBe('b');
    expect(started).toEqual(['a', 'b', 'c']);
    // Turns are all given back: two more run at once.
    const e = app.request('/slow/e');
    const f = app.request('/slow/f');
    await open('e');
    await open('f');
    expect([(await e).status, (await f).status]).toEqual([200, 200]);
  });

  it('drops a queued request whose client went away without ever working on it', async () => {
    const { app, started, open } = appWith({ maxConcurrent: 1, maxQueued: 5 });
    const a = app.request('/slow/a');
    const gone = new AbortController();
    const b = app.request(new Request('http://x/slow/b', { signal: gone.signal }));
    const c = app.request('/slow/c');
    gone.abort();
    expect((await b).status).toBe(503);
    await open('a');
    await (await a).text();
    await open('c');
    expect(await (await c).text()).toBe('c');
    expect(started).toEqual(['a', 'c']);
  });

  it('refuses at once when no queue is allowed', async () => {
    const { app, open } = appWith({ maxConcurrent: 1, maxQueued: 0 });
    const a = app.request('/slow/a');
    expect((await app.request('/slow/b')).status).toBe(503);
    await open('a');
    expect((await a).status).toBe(200);
  });
});
