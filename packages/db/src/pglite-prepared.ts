import type { PGlite } from '@electric-sql/pglite';

/**
 * A read on the embedded database as a statement PostgreSQL prepares once (`PREPARE`), then runs
 * with `EXECUTE` and the values written as literals, in one simple-protocol round trip. PGlite's
 * `query` parses and plans its text again on every call, in five protocol messages; a prepared
 * statement is planned once its cached plan proves as good as a fresh one (PostgreSQL's plan cache,
 * https://www.postgresql.org/docs/current/sql-prepare.html), which for the cockpit's one large
 * statement is most of its cost (bench/reads.bench.ts).
 *
 * Only for values that are text, numbers, booleans, times or null (anything else: `undefined`, and
 * the caller runs the read as usual); a text value is written as an escape string literal
 * (`E'...'`, backslashes and quotes doubled), so no value can end the literal. Statements are
 * prepared per PGlite instance, at most `MAX_STATEMENTS` texts (then `undefined` again).
 */
export async function executePrepared<T>(client: PGlite, text: string, params: readonly unknown[]): Promise<T[] | undefined> {
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
    const chosen = `csphub_read_${names.size + 1}`;
    name = client.exec(`prepare ${chosen} as ${text}`).then(() => chosen);
    names.set(text, name);
    name.catch(() => names.delete(text));
  }
  const [result] = await client.exec(`execute ${await name}${values.length > 0 ? `(${values.join(', ')})` : ''}`);
  return (result?.rows ?? []) as T[];
}

const MAX_STATEMENTS = 100;
const prepared = new WeakMap<PGlite, Map<string, Promise<string>>>();

/** A value as an SQL literal of unknown type (PostgreSQL casts it to the parameter's type), or undefined. */
export function literal(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  if (typeof value === 'number') return Number.isFinite(value) ? `'${value}'` : undefined;
  if (typeof value === 'bigint') return `'${value}'`;
  if (typeof value === 'boolean') return value ? "'true'" : "'false'";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : `'${value.toISOString()}'`;
  return undefined;
}
