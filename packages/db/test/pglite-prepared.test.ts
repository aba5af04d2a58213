import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, type OpenDatabase } from '../src/index';
import { preparedRows, rows } from '../src/cockpit-sql';
import { executePrepared } from '../src/pglite-prepared';

/**
 * Reads run as statements prepared once on the embedded database (src/pglite-prepared.ts): the
 * same rows as an ordinary read for any value, one round trip per read once prepared, and the
 * ordinary read for values it cannot write as literals.
 */
describe('prepared reads on PGlite', () => {
  let open: OpenDatabase;
  let client: PGlite;
  beforeAll(async () => {
    open = await openDatabase({ kind: 'pglite' });
    client = open.pglite as PGlite;
  });
  afterAll(() => open?.close());

  const read = (v: unknown, n: unknown, at: unknown) => sql`select ${v}::text as "v", length(${v}::text)::int as "len", ${n}::int + 1 as "n", ${at}::timestamptz as "at", ${null}::text as "none"`;

  it('gives the rows an ordinary read gives, whatever the text holds', async () => {
    const at = new Date('2026-03-01T10:20:30.123Z');
    for (const v of ["it's", 'back\\slash \\\' end', "'); drop table companies; --", 'E\'x\'', 'ñandú ✓', '']) {
      const expected = await rows(open.db, read(v, 41, at));
      expect(await preparedRows(open.db, read(v, 41, at))).toEqual(expected);
    }
  });

  it('prepares a text once, then sends one statement a read', async () => {
    const texts: string[] = [];
    const { exec, query } = client;
    client.exec = ((q: string, o?: unknown) => (texts.push(q), exec.call(client, q, o as never))) as typeof client.exec;
    client.query = ((q: string, p?: unknown[], o?: unknown) => (texts.push(q), query.call(client, q, p, o as never))) as typeof client.query;
    try {
      const q = (id: number) => sql`select ${id}::int * 2 as "twice", ${'a'}::text || ${'b'}::text as "ab"`;
      expect(await preparedRows(open.db, q(1))).toEqual([{ twice: 2, ab: 'ab' }]);
      expect(await preparedRows(open.db, q(21))).toEqual([{ twice: 42, ab: 'ab' }]);
      expect(texts.filter((t) => t.startsWith('prepare'))).toHaveLength(1);
      expect(texts.filter((t) => t.startsWith('execute'))).toHaveLength(2);
    } finally {
      Object.assign(client, { exec, query });
    }
  });

  it('leaves values it cannot write as literals to the ordinary read', async () => {
    expect(await executePrepared(client, 'select $1::int[] as a', [[1, 2]])).toBeUndefined();
    expect(await executePrepared(client, 'select $1::float8 as a', [Number.NaN])).toBeUndefined();
    expect(await executePrepared(client, 'select $1::jsonb as a', [{ a: 1 }])).toBeUndefined();
  });
});
