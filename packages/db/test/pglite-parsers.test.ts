import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, type OpenDatabase } from '../src/index';

/**
 * Drizzle's parsers are installed on the embedded database once instead of being merged into
 * PGlite's table on every query (src/pglite-parsers.ts): the rows must be exactly those of a stock
 * PGlite, in both of Drizzle's row modes and inside a transaction.
 */
describe('Drizzle on PGlite with its parsers installed once', () => {
  let stock: PGlite;
  let open: OpenDatabase;
  beforeAll(async () => {
    stock = await PGlite.create();
    open = await openDatabase({ kind: 'pglite' });
  });
  afterAll(async () => {
    await stock?.close();
    await open?.close();
  });

  const values = sql`select '2026-03-01 10:20:30.123+00'::timestamptz as tstz, '2026-03-01 10:20:30'::timestamp as ts, '2026-03-01'::date as d,
    '1 day 02:00:00'::interval as iv, array[1.5, 2.25]::numeric[] as nums, array['2026-03-01 10:20:30+00'::timestamptz] as tstzs,
    array['2026-03-01'::date] as ds, 12.50::numeric as n, 9007199254740991::int8 as big, '{"a":[1,"x"]}'::jsonb as j, true as b, null::timestamptz as missing`;

  async function read(db: ReturnType<typeof drizzle>) {
    const raw = await db.execute(values);
    const mapped = await db.select({ at: sql<Date>`${sql.raw("'2026-03-01 10:20:30.123+00'::timestamptz")}`.mapWith((v: string) => new Date(v)), text: sql<string>`'x'` }).from(sql`(select 1) s`);
    const inTx = await db.transaction(async (tx) => tx.execute(values));
    return { raw: raw.rows, mapped, inTx: inTx.rows };
  }

  it('returns the same values as a stock PGlite', async () => {
    const expected = await read(drizzle(stock));
    expect(expected.raw[0]).toMatchObject({ tstz: '2026-03-01 10:20:30.123+00', d: '2026-03-01', big: 9007199254740991, j: { a: [1, 'x'] } });
    expect(await read(open.db as unknown as ReturnType<typeof drizzle>)).toEqual(expected);
  });

  it('passes Drizzle’s queries to PGlite without per-query parsers', async () => {
    const spy = vi.spyOn(PGlite.prototype, 'query');
    try {
      // Not a plain `select`, which runs as a prepared statement (src/pglite-prepared.ts).
      await open.db.execute(sql`with t as (select now() as at) select at from t`);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy.mock.calls[0]![2]).not.toHaveProperty('parsers');
    } finally {
      spy.mockRestore();
    }
  });
});
