import type pg from 'pg';

/** What the watch reports about the one connection of an embedded workflow system pool. */
export interface SystemPoolStall {
  /** How long the connection has been checked out without being released. */
  heldMs: number;
  /** Callers queued for the connection meanwhile. */
  waiting: number;
  /** The last statement sent on it (first 120 characters), to tell who holds it. */
  lastStatement: string | null;
}

/**
 * Watches a node-postgres pool and calls `onStall` (at most once a second) while its connection
 * has been checked out for longer than `thresholdMs`. Embedded mode gives DBOS a pool of one
 * connection over PGlite (decision 0005), so a holder that never lets go would stall every
 * workflow, retry and status call at once; this names the statement instead of leaving a silent
 * hang. Returns a function that stops the watch.
 */
export function watchSystemPool(pool: pg.Pool, opts: { thresholdMs: number; onStall: (stall: SystemPoolStall) => void }): () => void {
  const held = new Map<pg.PoolClient, { since: number; last: string | null }>();
  const lastOf = new WeakMap<pg.PoolClient, { text: string | null }>();
  pool.on('connect', (client) => {
    const last = { text: null as string | null };
    lastOf.set(client, last);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
      last.text = typeof text === 'string' ? text.replace(/\s+/g, ' ').trim().slice(0, 120) : null;
      return query(...args);
    };
  });
  pool.on('acquire', (client) => held.set(client, { since: Date.now(), last: null }));
  pool.on('release', (_err, client) => held.delete(client));
  pool.on('remove', (client) => held.delete(client));
  const timer = setInterval(() => {
    const now = Date.now();
    for (const [client, h] of held) {
      const heldMs = now - h.since;
      if (heldMs >= opts.thresholdMs) opts.onStall({ heldMs, waiting: pool.waitingCount, lastStatement: lastOf.get(client)?.text ?? null });
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}
