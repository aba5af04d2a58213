import { PGlite } from '@electric-sql/pglite';
import { queryPrepared } from './pglite-prepared';

type QueryOptions = { parsers?: Record<number, (value: string, typeId: number) => unknown> } & Record<string, unknown>;
type Query = (text: string, params?: unknown[], options?: QueryOptions) => Promise<unknown>;
type Tx = { query: Query };

/**
 * Drizzle's PGlite driver sends, with every query, its own parsers for the date and time types (it
 * keeps them as text and maps them itself). PGlite then merges them into its table of every type's
 * parser, about 300 entries, on each query and looks each value's parser up in the merged copy: a
 * fixed cost of about a tenth of a millisecond per statement, as much as some whole statements
 * (bench/reads.bench.ts, docs/THROUGHPUT.md "Reads").
 *
 * This installs the parsers Drizzle sends into the instance's own table the first time it sends
 * them and passes its queries on without them, so PGlite parses each column with the very function
 * Drizzle asked for, without the merge. Drizzle's parsers are the same for a type on every query
 * (constants of its driver); a type Drizzle has not sent before is installed when it first comes.
 * The instance's `query` and `transaction` (and the transaction's `query`) are replaced on the
 * instance itself; only Drizzle queries it (DBOS's adapter speaks the wire protocol, which no
 * parser touches).
 *
 * A read (`select`) outside a transaction runs as a statement prepared once (src/pglite-prepared.ts):
 * PGlite's `query` parses and plans its text again each time in five protocol messages, about half
 * of a simple read's CPU (bench/reads.bench.ts).
 */
const READ = /^\s*select\s/i;

export function installDrizzleParsers(client: PGlite): void {
  const table = (client as unknown as { parsers: Record<number, unknown> }).parsers;
  const installed = new Set<string>();
  const withoutParsers = (options: QueryOptions | undefined): QueryOptions | undefined => {
    const parsers = options?.parsers;
    if (!parsers) return options;
    for (const type in parsers) {
      if (installed.has(type)) continue;
      table[Number(type)] = parsers[Number(type)];
      installed.add(type);
    }
    const { parsers: _sent, ...rest } = options;
    return rest;
  };
  Object.assign(client, {
    query: async (text: string, params?: unknown[], options?: QueryOptions) => {
      const rest = withoutParsers(options);
      if (READ.test(text)) {
        const result = await queryPrepared(client, text, params, rest as Parameters<typeof queryPrepared>[3]);
        if (result) return result;
      }
      return (PGlite.prototype.query as unknown as Query).call(client, text, params, rest);
    },
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      PGlite.prototype.transaction.call(client, (tx) => {
        const inner = tx as unknown as Tx;
        const view = Object.create(inner) as Tx;
        view.query = (text, params, options) => inner.query(text, params, withoutParsers(options));
        return fn(view);
      }),
  });
}
