/** Reads CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of strings. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** Rows of records keyed by the header line's names (trimmed). */
export function readRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...rest] = parseCsv(text);
  const names = header.map((h) => h.trim());
  return { header: names, records: rest.map((r) => Object.fromEntries(names.map((n, i) => [n, (r[i] ?? '').trim()]))) };
}

const quote = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes records as CSV with the given columns (a value starting like a formula is quoted). */
export function writeCsv(columns: string[], records: Record<string, string | number | null | undefined>[]): string {
  return [columns.join(','), ...records.map((r) => columns.map((c) => quote(String(r[c] ?? ''))).join(','))].join('\n') + '\n';
}
