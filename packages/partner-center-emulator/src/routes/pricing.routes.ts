import { formatPriceSheetCsv } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { odataKeyOf } from '../protocol/operation';
import * as pcErrors from '../errors/pc-errors';
import { countryRule } from '../engine/country-rules';
import { buildPriceSheet } from '../engine/price-sheet';

/** Learn "Get a price sheet": the license-based new commerce view, by market and month (docs/PARTNER-CENTER-REFERENCE.md §8.1). */
export function registerPricingRoutes(r: ApiRouter): void {
  r.op('pricing.priceSheets.get', (ctx) => {
    const key = odataKeyOf(ctx.param('pricesheetsKey'));
    if (!key || key.set.toLowerCase() !== 'pricesheets' || !key.keys.market || !key.keys.pricesheetview) {
      throw pcErrors.invalidProperty("The price sheet is addressed as pricesheets(Market='{market}',PricesheetView='{view}').", ['Market', 'PricesheetView']);
    }
    const view = key.keys.pricesheetview.toLowerCase();
    if (view !== 'updatedlicensebased') throw pcErrors.notEmulated(`the '${key.keys.pricesheetview}' price sheet view`);
    const rule = countryRule(key.keys.market);
    if (!rule) throw pcErrors.invalidProperty(`Market '${key.keys.market}' is not a supported market.`, ['Market']);
    const now = new Date(ctx.runtime.engine.now());
    let year = now.getUTCFullYear();
    let month = now.getUTCMonth() + 1;
    const timeline = (ctx.query('timeline') ?? 'current').toLowerCase();
    if (timeline === 'future') {
      month += 1;
      if (month === 13) [year, month] = [year + 1, 1];
    } else if (timeline === 'history') {
      const raw = ctx.query('month') ?? '';
      const m = /^(\d{4})(\d{2})$/.exec(raw);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw pcErrors.invalidProperty('A history price sheet needs month as YYYYMM.', ['month']);
      const asked = Number(m[1]) * 12 + Number(m[2]);
      if (asked >= year * 12 + month) throw pcErrors.invalidProperty(`Month ${raw} is not a past month.`, ['month']);
      [year, month] = [Number(m[1]), Number(m[2])];
    } else if (timeline !== 'current') {
      throw pcErrors.invalidProperty(`Timeline '${ctx.query('timeline')}' is not one of history, current, future.`, ['timeline']);
    }
    const rows = buildPriceSheet(ctx.runtime.engine.state.scenario.catalog, rule.iso2, rule.currency.code, year, month);
    if (!rows) throw pcErrors.notEmulated(`prices in ${rule.currency.code} (market ${rule.iso2})`);
    return new Response(formatPriceSheetCsv(rows), {
      status: 200,
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="pricesheet_${rule.iso2}_${year}${String(month).padStart(2, '0')}.csv"` },
    });
  });
}
