import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type OpenDatabase } from '../src/index';
import { queryPrepared } from '../src/pglite-prepared';

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

  /** What PGlite is sent, by kind: ordinary queries, and the prepare and execute statements. */
  async function sent<T>(fn: () => Promise<T>) {
    const texts: string[] = [];
    const { exec, query } = PGlite.prototype;
    PGlite.prototype.exec = function (this: PGlite, q: string, o?: never) {
      texts.push(q);
      return exec.call(this, q, o);
    } as typeof exec;
    PGlite.prototype.query = function (this: PGlite, q: string, p?: unknown[], o?: never) {
      texts.push(`query ${q}`);
      return query.call(this, q, p, o);
    } as typeof query;
    try {
      return { result: await fn(), texts };
    } finally {
      Object.assign(PGlite.prototype, { exec, query });
    }
  }

  const read = (v: unknown, n: unknown, at: unknown) => sql`select ${v}::text as "v", length(${v}::text)::int as "len", ${n}::int + 1 as "n", ${at}::timestamptz as "at", ${null}::text as "none", ${sql.param([3, 1])}::int[] as "ids"`;
  const ordinary = (v: unknown, n: unknown, at: unknown) => sql`with r as (${read(v, n, at)}) select * from r`;

  it('gives the rows an ordinary read gives, whatever the text holds', async () => {
    const at = new Date('2026-03-01T10:20:30.123Z');
    for (const v of ["it's", "back\\slash \\' end", "'); drop table companies; --", "E'x'", 'ñandú ✓', '']) {
      const expected = rowsOf(await open.db.execute(ordinary(v, 41, at)));
      const { result, texts } = await sent(async () => rowsOf(await open.db.execute(read(v, 41, at))));
      expect(result).toEqual(expected);
      expect(texts.some((t) => t.startsWith('execute '))).toBe(true);
    }
  });

  it('prepares a text once, then sends one statement a read', async () => {
    const q = (id: number) => sql`select ${id}::int * 2 as "twice", ${'a'}::text || ${'b'}::text as "ab"`;
    const { result, texts } = await sent(async () => [rowsOf(await open.db.execute(q(1))), rowsOf(await open.db.execute(q(21)))]);
    expect(result).toEqual([[{ twice: 2, ab: 'ab' }], [{ twice: 42, ab: 'ab' }]]);
    expect(texts.map((t) => t.split(' ')[0])).toEqual(['prepare', 'execute', 'execute']);
  });

  it('leaves values it cannot write as literals to the ordinary read', async () => {
    expect(await queryPrepared(client, 'select $1::text[] as a', [['x']])).toBeUndefined();
    expect(await queryPrepared(client, 'select $1::float8 as a', [Number.NaN])).toBeUndefined();
    expect(await queryPrepared(client, 'select $1::jsonb as a', [{ a: 1 }])).toBeUndefined();
    // A NUL would cut the statement's text short on the wire.
    expect(await queryPrepared(client, 'select $1::text as a', ['x\0\'); select 1; --'])).toBeUndefined();
    const { result, texts } = await sent(() => open.db.execute(sql`select ${{ a: 1 }}::jsonb as "j"`));
    expect(rowsOf(result)).toEqual([{ j: { a: 1 } }]);
    expect(texts).toEqual(['query select $1::jsonb as "j"']);
  });

  it('reports a failed read with its text and values, not the literals it sent', async () => {
    const failure = await open.db.execute(sql`select ${'not-a-uuid'}::uuid as "id"`).then(
      () => undefined,
      (e: unknown) => e as { cause?: { query?: string; code?: string } },
    );
    expect(failure?.cause).toMatchObject({ code: '22P02', query: 'select $1::uuid as "id"' });
  });
});
