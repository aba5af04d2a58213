import { readCsvRows, writeCsv as writeCsvFile, type CsvCell } from '@csphub/domain/csv';

/**
 * Reads CSV text (RFC 4180) into rows of strings; blank lines are skipped, and a cell the writer's
 * formula guard prefixed (`'+1 425 555 0100`) is read as it was written.
 */
export function parseCsv(text: string): string[][] {
  return readCsvRows(text, { unguardFormulas: true });
}

/** Rows of records keyed by the header line's names (trimmed). */
export function readRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...rest] = parseCsv(text);
  const names = header.map((h) => h.trim());
  return { header: names, records: rest.map((r) => Object.fromEntries(names.map((n, i) => [n, (r[i] ?? '').trim()]))) };
}

/**
 * Writes records as CSV with the given columns. The files are for people (a result file, an export
 * opened in a spreadsheet), so a value starting like a formula is prefixed with `'`.
 */
export function writeCsv(columns: string[], records: Record<string, CsvCell>[]): string {
  return writeCsvFile(columns, records, { guardFormulas: true });
}
