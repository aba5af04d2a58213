import pg from 'pg';
import type { OpenDatabase } from '@csphub/db';

/** The SQL statements sent to a database while it was watched. */
export interface StatementLog {
  /** Each statement's text, in the order sent (a transaction's BEGIN and COMMIT included). */
  readonly texts: readonly string[];
  /** How many were sent. */
  readonly count: number;
  /** Forgets what was seen so far (keeps watching). */
  reset(): void;
  /** Stops watching. */
  stop(): void;
}

type Query = (...args: unknown[]) => Promise<unknown>;
interface PgliteLike {
  query: Query;
  exec: Query;
  transaction: (fn: (tx: { query: Query; exec: Query }) => Promise<unknown>) => Promise<unknown>;
}

/**
 * Counts the SQL statements the application sends to `open`, at the driver: on PGlite the
 * instance's `query`, `exec` and `transaction` (its BEGIN and COMMIT counted as two), on PostgreSQL
 * every `pg` client of this process (so watch only while nothing else of the process uses one).
 * The count does not depend on the machine's load, unlike CPU time: tests pin it, benches report it.
 */
export function countStatements(open: Pick<OpenDatabase, 'kind' | 'pglite'>): StatementLog {
  const texts: string[] = [];
  const textOf = (arg: unknown) => (typeof arg === 'string' ? arg : ((arg as { text?: string } | undefined)?.text ?? String(arg)));
  const counted = (original: Query, self: unknown): Query =>
    function (...args: unknown[]) {
      texts.push(textOf(args[0]));
      return original.apply(self, args);
    };
  let stop: () => void;
  if (open.kind === 'postgres') {
    const original = pg.Client.prototype.query as unknown as Query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      return counted(original, this)(...args);
    } as unknown as typeof pg.Client.prototype.query;
    stop = () => {
      pg.Client.prototype.query = original as unknown as typeof pg.Client.prototype.query;
    };
  } else {
    const client = open.pglite as PgliteLike;
    const { query, exec, transaction } = client;
    client.query = counted(query, client);
    client.exec = counted(exec, client);
    client.transaction = (fn) =>
      transaction.call(client, (tx) => {
        texts.push('BEGIN');
        const watched = Object.create(tx) as typeof tx;
        watched.query = counted(tx.query, tx);
        watched.exec = counted(tx.exec, tx);
        return fn(watched).finally(() => texts.push('COMMIT'));
      });
    stop = () => Object.assign(client, { query, exec, transaction });
  }
  return {
    texts,
    get count() {
      return texts.length;
    },
    reset: () => {
      texts.length = 0;
    },
    stop: () => stop(),
  };
}
