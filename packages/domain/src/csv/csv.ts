import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** A value a CSV cell can hold; `null` and `undefined` are written as an empty cell. */
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
  /**
   * Files a person opens in a spreadsheet program: a text cell starting with `=`, `+`, `-`, `@`, tab
   * or carriage return is prefixed with `'` so that the program shows it instead of running it as a
   * formula (OWASP, "CSV Injection"). Off for machine formats that must keep the text as it is (the
   * Partner Center price sheet). Numbers are never touched: `-3` stays a number.
   */
  guardFormulas: boolean;
}

/**
 * RFC 4180 CSV with a header line: quoted only where needed, doubled quotes, CRLF line ends, a
 * line end after the last record. `columns` names the header and picks each record's cells.
 */
export function writeCsv<K extends string>(
  columns: readonly K[],
  records: readonly Partial<Record<K, CsvCell>>[],
  options: CsvWriteOptions,
): string {
  const rows = records.map((r) => columns.map((c) => cellText(r[c], options)));
  return stringify([[...columns], ...rows], { record_delimiter: '\r\n', escape_formulas: false, quoted_match: /[\r\n]/ });
}

function cellText(value: CsvCell, options: CsvWriteOptions): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  // Text already starting with quotes before a formula sign gets one more, so reading it back
  // with `unguardFormulas` gives it unchanged.
  return options.guardFormulas && /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a leading byte-order mark) into
 * rows of strings (CRLF, LF or CR line ends, mixed too). Blank lines are skipped; rows may have fewer or more cells than the header, and
 * the caller names what is missing. Throws {@link CsvSyntaxError} with the line of a broken quote.
 */
export function readCsvRows(text: string, options: CsvReadOptions = { unguardFormulas: false }): string[][] {
  const rows = parseRows(text);
  return options.unguardFormulas ? rows.map((r) => r.map((c) => (/^'+[=+\-@\t\r]/.test(c) ? c.slice(1) : c))) : rows;
}

export interface CsvReadOptions {
  /**
   * Files people fill in from one this product wrote: a cell that {@link writeCsv}'s formula guard
   * prefixed with `'` is read as the text it was (`'+1 425` is the phone number `+1 425`).
   */
  unguardFormulas: boolean;
}

function parseRows(text: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new CsvSyntaxError(err.lines ?? 0, err.message ?? String(e));
  }
}

/** A CSV file that cannot be read (an unclosed quote, a quote inside an unquoted cell). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`The CSV file cannot be read near line ${line}: ${detail}`);
    this.name = 'CsvSyntaxError';
  }
}
