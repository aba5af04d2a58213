import { PGlite, type QueryOptions, type Results } from '@electric-sql/pglite';

/**
 * A read on the embedded database (src/pglite-parsers.ts sends every `select` outside a transaction
 * here) as a statement PostgreSQL prepares once (`PREPARE`), then runs with `EXECUTE` and the values
 * written as literals, in one simple-protocol round trip. PGlite's `query` parses and plans its text
 * again on every call, in five protocol messages; a prepared statement is planned once its cached
 * plan proves as good as a fresh one (PostgreSQL's plan cache,
 * https://www.postgresql.org/docs/current/sql-prepare.html): most of the cockpit's one large
 * statement, about half of a simple read (bench/reads.bench.ts).
 *
 * Returns the result as `query` gives it (with its row mode), or `undefined` when the caller must
 * run the read with `query`: a value other than text (without a NUL), a number, a boolean, a time, null or an array
 * of whole numbers; more than `MAX_STATEMENTS` texts on the instance; a text PostgreSQL cannot
 * prepare (a parameter whose type it cannot tell; remembered); a statement dropped or made stale
 * under it (prepared again next time). A text value is written as an escape string literal
 * (`E'...'`, backslashes and quotes doubled), so no value can end the literal. An error carries the
 * statement's text and values as `query` gives them (so src/query-errors.ts scrubs it alike), never
 * the literals.
 */
export async function queryPrepared<T>(client: PGlite, text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<Results<T> | undefined> {
  const values: string[] = [];
  for (const p of params) {
    const v = literal(p);
    if (v === undefined) return undefined;
    values.push(v);
  }
  let names = prepared.get(client);
  if (!names) prepared.set(client, (names = new Map()));
  let name = names.get(text);
  if (!name) {
    if (names.size >= MAX_STATEMENTS) return undefined;
    const chosen = `csphub_read_${++counter}`;
    name = exec(client, `prepare ${chosen} as ${text}`).then(
      () => chosen,
      () => null,
    );
    names.set(text, name);
  }
  const ready = await name;
  if (!ready) return undefined;
  try {
    const [result] = await exec(client, `execute ${ready}${values.length > 0 ? `(${values.join(', ')})` : ''}`, options);
    return result as Results<T>;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === '26000' || code === '0A000') {
      // Dropped (DEALLOCATE, DISCARD) or its cached plan no longer fits: prepare it again next time.
      names.delete(text);
      void exec(client, `deallocate ${ready}`).catch(() => undefined);
      return undefined;
    }
    Object.assign(e as object, { query: text, params: [...params] });
    throw e;
  }
}

/** PGlite's own `exec`, past any wrapper on the instance (a statement counter counts the read once, as the caller's). */
function exec(client: PGlite, text: string, options?: QueryOptions) {
  return PGlite.prototype.exec.call(client, text, options);
}

const MAX_STATEMENTS = 500;
let counter = 0;
const prepared = new WeakMap<PGlite, Map<string, Promise<string | null>>>();

/** A value as an SQL literal of unknown type (PostgreSQL casts it to the parameter's type), or undefined. */
export function literal(value: unknown): string | undefined {
  if (value === null) return 'null';
  // A NUL would end the statement's text early (the protocol sends it as a C string): such a value goes the usual way.
  if (typeof value === 'string') return value.includes('\0') ? undefined : `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  if (typeof value === 'number') return Number.isFinite(value) ? `'${value}'` : undefined;
  if (typeof value === 'bigint') return `'${value}'`;
  if (typeof value === 'boolean') return value ? "'true'" : "'false'";
  if (Array.isArray(value)) return value.every((v) => Number.isSafeInteger(v)) ? `'{${value.join(',')}}'` : undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : `'${value.toISOString()}'`;
  return undefined;
}
