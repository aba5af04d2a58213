import { getTableColumns, getTableName, sql, type Table } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { Database } from './database';

/**
 * Inserts many rows in one statement whose rows travel as one JSON parameter, expanded by
 * `jsonb_populate_recordset` into the table's own row type: a thousand rows cost one bound value
 * instead of one per field, which is most of a bulk insert's cost on PGlite. Only the columns some
 * row sets are listed, so the others keep their defaults; dates go as ISO strings. Triggers run
 * per row as for any insert.
 */
export async function insertRowsAsJson<T extends Table>(db: Database, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string; keyAsName: boolean }>;
  // The database is opened with `casing: 'snake_case'`: a column named by its key is that key in snake case.
  const sqlName = (k: string) => (columns[k]!.keyAsName ? toSnakeCase(k) : columns[k]!.name);
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r as object).filter((k) => (r as Record<string, unknown>)[k] !== undefined)))].filter((k) => columns[k]);
  const names = keys.map((k) => sql.identifier(sqlName(k)));
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k) => [sqlName(k), (r as Record<string, unknown>)[k] ?? null]))));
  const list = sql.join(names, sql`, `);
  const name = sql.identifier(getTableName(table));
  await db.execute(sql`insert into ${name} (${list}) select ${list} from jsonb_populate_recordset(null::${name}, ${json}::jsonb)`);
}
