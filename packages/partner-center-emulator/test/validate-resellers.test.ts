import { describe, expect, it } from 'vitest';
import { Harness, LATAM, EUROPE } from './support/emulator-harness';

// docs/PARTNER-CENTER-REFERENCE.md §7.1: POST /v1/partners/validateresellers, partner of record by
// Partner Location ID (PLA); the emulator's choices are in docs/EMULATOR-DIFFERENCES.md.
describe('validate resellers (partner of record by location ID)', () => {
  it('answers one result per ID, app-only, with 900400 for every ID that may not be partner of record', async () => {
    const h = new Harness();
    const ids = ['6100001', '4100001', '6100002', '6100007', '6100004', '5100001', '9999999'];
    const res = await h.call('POST', '/v1/partners/validateresellers', { token: await h.token(LATAM), body: { partnerIds: ids } });
    expect(res.status).toBe(200);
    const results = res.body.validationResults as { partnerId: string; isValidPartnerIdOnRecord: boolean; errorCode?: number; errorDescription?: string }[];
    expect(results.map((r) => r.partnerId)).toEqual(ids);
    expect(results[0]).toEqual({ partnerId: '6100001', isValidPartnerIdOnRecord: true });
    for (const r of results.slice(1)) expect(r).toMatchObject({ isValidPartnerIdOnRecord: false, errorCode: 900400 });
    expect(results[1]!.errorDescription).toMatch(/global partner ID \(PGA\)/);
    expect(results[2]!.errorDescription).toMatch(/Partner Agreement/); // Proseware: MPA not signed
    expect(results[3]!.errorDescription).toMatch(/Partner Agreement/); // Trey Research: MPA for another region
    expect(results[4]!.errorDescription).toMatch(/active indirect reseller of this provider/); // Relecloud is Europe's
    expect(results[5]!.errorDescription).toMatch(/provider's own ID/);
    // The same reseller is valid for the provider whose network it is in.
    const europe = await h.call('POST', '/v1/partners/validateresellers', { token: await h.token(EUROPE, 'user'), body: { PartnerIds: ['6100004', '6100005'] } });
    expect(europe.body.validationResults.map((r: { isValidPartnerIdOnRecord: boolean }) => r.isValidPartnerIdOnRecord)).toEqual([true, false]);
    expect(europe.body.validationResults[1].errorDescription).toMatch(/expired/); // Fourth Coffee
  });

  it('refuses a missing, empty or over-long list with 400/3000', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    for (const body of [{}, { partnerIds: [] }, { partnerIds: 'x' }, { partnerIds: Array.from({ length: 101 }, (_, i) => String(7_000_000 + i)) }]) {
      const res = await h.call('POST', '/v1/partners/validateresellers', { token, body });
      expect([res.status, res.body.code]).toEqual([400, 3000]);
    }
  });

  it('follows the control plane: an expired authorization is refused by validation and at checkout', async () => {
    const h = new Harness();
    const token = await h.token(LATAM);
    const valid = async () => (await h.call('POST', '/v1/partners/validateresellers', { token, body: { partnerIds: ['6100003'] } })).body.validationResults[0].isValidPartnerIdOnRecord as boolean;
    expect(await valid()).toBe(true);
    const set = await h.control('PUT', '/resellers/lucerne/partner-of-record', { authorization: 'expired' });
    expect(set.body).toMatchObject({ partnerId: '6100003', globalPartnerId: '4100003', porAuthorization: 'expired' });
    expect(await valid()).toBe(false);
    await h.control('PUT', '/resellers/6100003/partner-of-record', { authorization: 'authorized' });
    expect(await valid()).toBe(true);
    await h.control('PUT', '/resellers/6100003/partner-of-record', { authorization: 'notAuthorized' });
    expect((await h.call('POST', '/v1/partners/validateresellers', { token, body: { partnerIds: ['6100003'] } })).body.validationResults[0].errorDescription).toMatch(/isn't authorized/);
    await h.control('PUT', '/resellers/6100003/partner-of-record', { authorization: 'authorized', state: 'Inactive' });
    expect(await valid()).toBe(false);
    expect((await h.control('PUT', '/resellers/nobody/partner-of-record', { authorization: 'expired' })).status).toBe(404);
  });
});
