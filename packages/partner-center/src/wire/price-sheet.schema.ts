import { z } from 'zod';

/**
 * The license-based new commerce price sheet (Learn: "Get a price sheet", view
 * `updatedlicensebased`): a CSV file, one row per product, SKU, term, billing plan and price tier,
 * with the partner's unit price and the estimated retail price (`ERP Price`) in the market's
 * currency, and the dates the row is in force. The columns are those of the license-based price
 * list Microsoft publishes (docs/PARTNER-CENTER-REFERENCE.md §8.1).
 */
export const PRICE_SHEET_COLUMNS = [
  'ProductTitle',
  'ProductId',
  'SkuId',
  'SkuTitle',
  'Publisher',
  'SkuDescription',
  'UnitOfMeasure',
  'TermDuration',
  'BillingPlan',
  'Market',
  'Currency',
  'UnitPrice',
  'PricingTierRangeMin',
  'PricingTierRangeMax',
  'EffectiveStartDate',
  'EffectiveEndDate',
  'Tags',
  'ERP Price',
  'Segment',
] as const;

export type PriceSheetView = 'updatedlicensebased';
/** `current` (default), `history` (with `month`) or `future` (next month's sheet, published ahead). */
export type PriceSheetTimeline = 'current' | 'history' | 'future';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal amount');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'a date');

export const PriceSheetRowSchema = z.object({
  ProductTitle: z.string(),
  ProductId: z.string().min(1),
  SkuId: z.string().min(1),
  SkuTitle: z.string(),
  Publisher: z.string(),
  SkuDescription: z.string(),
  UnitOfMeasure: z.string(),
  TermDuration: z.string(),
  BillingPlan: z.string(),
  Market: z.string().length(2),
  Currency: z.string().length(3),
  UnitPrice: decimal,
  PricingTierRangeMin: z.string(),
  PricingTierRangeMax: z.string(),
  EffectiveStartDate: isoDay,
  EffectiveEndDate: isoDay,
  Tags: z.string(),
  'ERP Price': decimal,
  Segment: z.string(),
});
export type PriceSheetRow = z.infer<typeof PriceSheetRowSchema>;

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes rows as the sheet's CSV (header line first, CRLF line ends, RFC 4180 quoting). */
export function formatPriceSheetCsv(rows: readonly PriceSheetRow[]): string {
  const lines = [PRICE_SHEET_COLUMNS.join(',')];
  for (const row of rows) lines.push(PRICE_SHEET_COLUMNS.map((c) => quote(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Splits RFC 4180 CSV text into records of fields. */
export function splitCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * Parses a price sheet file into rows, by the header's column names (Microsoft may add or reorder
 * columns); throws a ZodError naming the row and column of a bad value.
 */
export function parsePriceSheetCsv(text: string): PriceSheetRow[] {
  const [header, ...records] = splitCsv(text);
  if (!header) return [];
  return records.map((fields, index) => {
    const raw: Record<string, string> = {};
    header.forEach((name, i) => (raw[name.trim()] = fields[i] ?? ''));
    const parsed = PriceSheetRowSchema.safeParse(raw);
    if (!parsed.success) {
      throw new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: [`row ${index + 2}`, ...issue.path] })));
    }
    return parsed.data;
  });
}
