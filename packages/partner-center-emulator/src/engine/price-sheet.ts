import type { PriceSheetRow } from '@csphub/partner-center/wire';
import type { ScenarioProduct } from '../scenario/scenario.schema';

/**
 * The emulator's license-based price sheet (docs/EMULATOR-DIFFERENCES.md "Price sheets"): built
 * from each SKU's monthly list price in USD (`unitPriceUsd`, the annual-commitment monthly price),
 * with new commerce's term and billing shapes:
 * - P1M billed monthly: 20 % above the annual-commitment price;
 * - P1Y or P3Y billed annually: twelve months per billing period;
 * - P1Y or P3Y billed monthly: 5 % above the annual-billing monthly price;
 * converted at fixed rates into the market's currency, rounded to its minor unit. `ERP Price` is
 * that estimated retail price; `UnitPrice` (the partner's price) is 15 % below it. Every January
 * the sheet rises 3 % over the year before (from 2026), so next month's sheet, published ahead,
 * differs from December's.
 */

/** Units of each currency per US dollar, as decimal strings (fixed for the emulator). */
export const EMULATOR_FX_PER_USD: Readonly<Record<string, string>> = {
  USD: '1',
  EUR: '0.92',
  GBP: '0.79',
  CAD: '1.37',
  PLN: '3.98',
  MXN: '18.10',
  PEN: '3.75',
  COP: '4100',
  BRL: '5.60',
  ARS: '1000',
  CLP: '950',
  INR: '84',
};

/** The currency's minor digits, from Intl's CLDR data (2 for EUR, 0 for CLP). */
function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** `minor` minor units as the sheet's plain decimal (`12.50`). */
function decimalOf(minor: bigint, digits: number): string {
  const text = minor.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** `n * num / den` rounded half away from zero (non-negative inputs). */
function scale(n: bigint, num: bigint, den: bigint): bigint {
  return (n * num * 2n + den) / (den * 2n);
}

const pow10 = (e: number): bigint => 10n ** BigInt(e);

/** `value` as a scaled integer: [digits, scale] with value = digits / 10^scale. */
function decimalParts(value: string): [bigint, number] {
  const [whole, fraction = ''] = value.split('.');
  return [BigInt(whole! + fraction), fraction.length];
}

/** A month as `YYYY-MM`, its first and last day. */
export function monthBounds(year: number, month: number): { key: string; start: string; end: string } {
  const start = new Date(Date.UTC(year, month - 1, 1));
  const end = new Date(Date.UTC(year, month, 0));
  return { key: start.toISOString().slice(0, 7), start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

/** The sheet of `market` (two letters, currency `currency`) for `year`/`month` (1-12); undefined when the currency has no rate. */
export function buildPriceSheet(catalog: readonly ScenarioProduct[], market: string, currency: string, year: number, month: number): PriceSheetRow[] | undefined {
  const rate = EMULATOR_FX_PER_USD[currency];
  if (rate === undefined) return undefined;
  const [rateDigits, rateScale] = decimalParts(rate);
  const digits = minorDigits(currency);
  const bounds = monthBounds(year, month);
  const rises = Math.max(0, year - 2026);
  const rows: PriceSheetRow[] = [];
  for (const product of catalog) {
    if (product.productType !== 'OnlineServicesNCE') continue;
    for (const sku of product.skus) {
      // USD cents of the annual-commitment monthly price, exactly from the scenario's decimal.
      const [priceDigits, priceScale] = decimalParts(String(sku.unitPriceUsd));
      let usdCents = scale(priceDigits, 100n, pow10(priceScale));
      for (let i = 0; i < rises; i++) usdCents = scale(usdCents, 103n, 100n);
      for (const term of sku.terms) {
        const periodCents =
          term.duration === 'P1M' ? scale(usdCents, 120n, 100n) : term.billingCycle === 'annual' ? usdCents * 12n : scale(usdCents, 105n, 100n);
        // cents → the currency's minor units: × rate × 10^digits / 10^(2 + rateScale)
        const erpMinor = scale(periodCents, rateDigits * pow10(digits), pow10(2 + rateScale));
        const unitMinor = scale(erpMinor, 85n, 100n);
        rows.push({
          ProductTitle: product.title,
          ProductId: product.id,
          SkuId: sku.id,
          SkuTitle: sku.title,
          Publisher: 'Microsoft Corporation',
          SkuDescription: product.description,
          UnitOfMeasure: '1 License',
          TermDuration: term.duration,
          BillingPlan: term.billingCycle === 'annual' ? 'Annual' : 'Monthly',
          Market: market,
          Currency: currency,
          UnitPrice: decimalOf(unitMinor, digits),
          PricingTierRangeMin: '',
          PricingTierRangeMax: '',
          EffectiveStartDate: bounds.start,
          EffectiveEndDate: bounds.end,
          Tags: 'License',
          'ERP Price': decimalOf(erpMinor, digits),
          Segment: 'Commercial',
        });
      }
    }
  }
  return rows;
}
