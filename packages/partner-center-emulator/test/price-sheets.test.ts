import { describe, expect, it } from 'vitest';
import { parsePriceSheetCsv } from '@csphub/partner-center/wire';
import { Harness, LATAM, TestClock } from './support/emulator-harness';

const sheetPath = (market: string, view = 'updatedlicensebased') => `/v1.0/sales/pricesheets(Market='${market}',PricesheetView='${view}')/$value`;

describe('price sheets (Learn "Get a price sheet", docs/PARTNER-CENTER-REFERENCE.md §8.1)', () => {
  it('serves the market sheet in its currency, dated by month, with next month published ahead', async () => {
    const h = new Harness({ clock: new TestClock(Date.parse('2026-12-07T09:00:00Z')) });
    const token = await h.token(LATAM, 'user');
    const us = await h.call('GET', sheetPath('US'), { token });
    expect(us.status).toBe(200);
    expect(us.headers.get('content-type')).toMatch(/text\/csv/);
    const usRows = parsePriceSheetCsv(us.text);
    const basicAnnual = usRows.find((r) => r.ProductId === 'CFQ7TTC0LH18' && r.TermDuration === 'P1Y' && r.BillingPlan === 'Annual')!;
    // 6 USD a month, twelve months a year; the partner price is 15 % below the retail one.
    expect([basicAnnual['ERP Price'], basicAnnual.UnitPrice, basicAnnual.Currency]).toEqual(['72.00', '61.20', 'USD']);
    expect([basicAnnual.EffectiveStartDate, basicAnnual.EffectiveEndDate]).toEqual(['2026-12-01', '2026-12-31']);
    const monthly = usRows.find((r) => r.ProductId === 'CFQ7TTC0LH18' && r.TermDuration === 'P1M')!;
    expect(monthly['ERP Price']).toBe('7.20');

    const es = parsePriceSheetCsv((await h.call('GET', sheetPath('ES'), { token })).text);
    expect(es[0]!.Currency).toBe('EUR');
    expect(es.find((r) => r.ProductId === 'CFQ7TTC0LH18' && r.TermDuration === 'P1Y' && r.BillingPlan === 'Annual')!['ERP Price']).toBe('66.24');
    const cl = parsePriceSheetCsv((await h.call('GET', sheetPath('CL'), { token })).text);
    expect(cl[0]!.Currency).toBe('CLP');
    expect(cl.every((r) => /^\d+$/.test(r.UnitPrice))).toBe(true);

    const future = parsePriceSheetCsv((await h.call('GET', `${sheetPath('US')}?timeline=future`, { token })).text);
    const nextBasic = future.find((r) => r.ProductId === 'CFQ7TTC0LH18' && r.TermDuration === 'P1Y' && r.BillingPlan === 'Annual')!;
    expect(nextBasic.EffectiveStartDate).toBe('2027-01-01');
    // January's rise: 6.00 → 6.18 a month.
    expect(nextBasic['ERP Price']).toBe('74.16');

    const history = parsePriceSheetCsv((await h.call('GET', `${sheetPath('US')}?timeline=history&month=202611`, { token })).text);
    expect(history[0]!.EffectiveStartDate).toBe('2026-11-01');
  });

  it('refuses what Microsoft refuses: app-only tokens, a month that is not past, an unknown market', async () => {
    const h = new Harness({ clock: new TestClock(Date.parse('2026-12-07T09:00:00Z')) });
    const app = await h.token(LATAM, 'app');
    expect((await h.call('GET', sheetPath('US'), { token: app })).status).toBe(403);
    const token = await h.call('GET', sheetPath('US'), { token: await h.token(LATAM, 'user') });
    expect(token.status).toBe(200);
    const user = await h.token(LATAM, 'user');
    const notPast = await h.call('GET', `${sheetPath('US')}?timeline=history&month=202612`, { token: user });
    expect([notPast.status, (notPast.body as { code: number }).code]).toEqual([400, 3000]);
    expect((await h.call('GET', sheetPath('ZZ'), { token: user })).status).toBe(400);
    expect((await h.call('GET', sheetPath('US', 'azure_consumption'), { token: user })).status).toBe(501);
  });
});
