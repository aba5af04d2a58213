import { z } from 'zod';
import { CsvSyntaxError, readCsvRows, writeCsv } from '@csphub/domain/csv';

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

/** Writes rows as the sheet's CSV (header line first, CRLF line ends, RFC 4180 quoting, text as it is). */
export function formatPriceSheetCsv(rows: readonly PriceSheetRow[]): string {
  return writeCsv(PRICE_SHEET_COLUMNS, rows, { guardFormulas: false });
}

/** Splits RFC 4180 CSV text into records of fields; a broken quote is a ZodError naming its line. */
export function splitCsv(text: string): string[][] {
  try {
    return readCsvRows(text);
  } catch (e) {
    if (!(e instanceof CsvSyntaxError)) throw e;
    throw new z.ZodError([{ code: 'custom', message: e.message, path: [`line ${e.line}`], input: text }]);
  }
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
