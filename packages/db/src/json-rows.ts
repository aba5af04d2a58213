import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from './database';
import { rowsOf } from './companies.repo';

/** Column types whose JSON value is what Drizzle returns for them (a timestamp as a `Date` is rebuilt). */
const AS_IS = new Set(['PgInteger', 'PgSerial', 'PgBigInt53', 'PgBigSerial53', 'PgText', 'PgUUID', 'PgJsonb', 'PgBoolean']);

/** Columns to read as JSON: the key each value takes in a row, and the column. */
export type JsonColumns = Record<string, PgColumn>;

/** The row type of `JsonColumns`, as Drizzle would map it. */
export type JsonRow<C extends JsonColumns> = { [K in keyof C]: C[K]['_']['notNull'] extends true ? C[K]['_']['data'] : C[K]['_']['data'] | null };

/**
 * A list read whose rows come back as one JSON text, built by PostgreSQL (`json_agg`), instead of a
 * row per result with a field per column: the embedded database's driver decodes each field of each
 * row in JavaScript, and Drizzle then maps each one: for a page of a few dozen wide rows, a large
 * part of the read's CPU (docs/THROUGHPUT.md, "Reads"). The rows are the same as Drizzle's:
 * JSON columns parsed, timestamps as `Date` (PostgreSQL writes them with the microseconds, which
 * `Date` truncates to milliseconds as it does the text Drizzle reads). A column of another type
 * (numeric, a date without time, ...) is refused when the read is defined, since its JSON value would
 * differ from Drizzle's.
 *
 * `from` is the statement's `from ... where ...`; the rows are sorted by `order` (keys of `columns`),
 * then cut at `limit`.
 */
export function jsonRowsRead<C extends JsonColumns>(columns: C, order: { key: keyof C & string; desc?: boolean }[]): (db: Database, from: SQL, limit: number) => Promise<JsonRow<C>[]> {
  const dates: string[] = [];
  for (const [key, column] of Object.entries(columns)) {
    if (column.columnType === 'PgTimestamp' && (column as unknown as { withTimezone: boolean }).withTimezone) dates.push(key);
    else if (!AS_IS.has(column.columnType)) throw new Error(`jsonRowsRead: column ${key} (${column.columnType}) would not read back as Drizzle reads it`);
  }
  const list = sql.join(
    Object.entries(columns).map(([key, column]) => sql`${column} as ${sql.identifier(key)}`),
    sql`, `,
  );
  const inner = sql.join(
    order.map((o) => sql`${columns[o.key]}${o.desc ? sql` desc` : sql``}`),
    sql`, `,
  );
  const outer = sql.join(
    order.map((o) => sql`t.${sql.identifier(o.key)}${o.desc ? sql` desc` : sql``}`),
    sql`, `,
  );
  return async (db, from, limit) => {
    const [row] = rowsOf<{ rows: string }>(
      await db.execute(sql`select coalesce(json_agg(t order by ${outer}), '[]')::text as "rows" from (select ${list} ${from} order by ${inner} limit ${limit}) t`),
    );
    const rows = JSON.parse(row!.rows) as Record<string, unknown>[];
    for (const r of rows) for (const key of dates) if (r[key] !== null) r[key] = new Date(r[key] as string);
    return rows as JsonRow<C>[];
  };
}
