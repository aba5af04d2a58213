import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvSyntaxError, readCsvRows, writeCsv } from './csv';

describe('CSV', () => {
  it('reads back exactly what it wrote, whatever the text (quotes, commas, line ends, accents)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ñ', ',', '"', '\r', '\n', ' ', '=', '-', '€') });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 5 }), (pairs) => {
        const records = pairs.map(([a, b]) => ({ a, b }));
        const rows = readCsvRows(writeCsv(['a', 'b'], records, { guardFormulas: false }));
        // A record whose cells are all empty is a blank line, which the reader skips.
        const kept = records.filter((r) => r.a !== '' || r.b !== '');
        expect(rows.slice(1).filter((r) => r.some((c) => c !== ''))).toEqual(kept.map((r) => [r.a, r.b]));
      }),
    );
  });

  it('writes RFC 4180: CRLF, quotes only where needed, empty for null', () => {
    expect(writeCsv(['x', 'y', 'z'], [{ x: 'a, b', y: 'say "hi"', z: null }, { x: 3, y: true }], { guardFormulas: false })).toBe(
      'x,y,z\r\n"a, b","say ""hi""",\r\n3,true,\r\n',
    );
  });

  it('shows formula-looking text as text in files for people, and leaves numbers alone', () => {
    const out = writeCsv(['n', 'v'], [{ n: '=HYPERLINK("http://x")', v: -3 }, { n: '+1', v: '@SUM(A1)' }, { n: '-x', v: '\tcmd' }], { guardFormulas: true });
    expect(readCsvRows(out).slice(1)).toEqual([
      [`'=HYPERLINK("http://x")`, '-3'],
      [`'+1`, `'@SUM(A1)`],
      [`'-x`, `'\tcmd`],
    ]);
    expect(writeCsv(['n'], [{ n: '=1+1' }], { guardFormulas: false })).toBe('n\r\n=1+1\r\n');
  });

  it('reads a byte-order mark, LF line ends and blank lines; names the line of a broken quote', () => {
    expect(readCsvRows('\uFEFFa,b\n\n1,"2\n3"\n')).toEqual([['a', 'b'], ['1', '2\n3']]);
    expect(() => readCsvRows('a,b\n1,"2\n')).toThrow(CsvSyntaxError);
  });
});

describe('CSV read back from a guarded file', () => {
  it('gives the text that was written, formula-looking or not', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '+', '=', '-', '@', "'", ',', '"', '\n') });
    fc.assert(
      fc.property(text, (v) => {
        const rows = readCsvRows(writeCsv(['v', 'k'], [{ v, k: 'x' }], { guardFormulas: true }), { unguardFormulas: true });
        expect(rows[1]![0]).toBe(v);
      }),
    );
  });
});
