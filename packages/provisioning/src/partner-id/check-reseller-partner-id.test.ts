import { describe, expect, it } from 'vitest';
import { checkResellerPartnerId, type ResellerDirectory } from './check-reseller-partner-id';

/** A directory with one reseller in the network, MPA signed, whose partner-of-record verdict the test sets. */
function directory(por: { isValid: boolean; errorCode?: number; errorDescription?: string } | null): ResellerDirectory & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    lookupPartnerId: async (partnerId) => ({ partnerId, name: 'Lucerne Publishing' }),
    listIndirectResellers: async () => [{ tenantId: 't-1', name: 'Lucerne Publishing', partnerId: '6100003', isActive: true }],
    hasSignedMpa: async () => true,
    ...(por
      ? {
          validateResellers: async (ids: readonly string[]) => {
            asked.push([...ids]);
            return ids.map((partnerId) => ({ partnerId, ...por }));
          },
        }
      : {}),
  };
}

describe('checkResellerPartnerId: partner of record by location ID (docs/PARTNER-CENTER-REFERENCE.md §7.1)', () => {
  it('refuses a Partner Location ID Microsoft does not accept as partner of record, with its reason and what to do', async () => {
    const dir = directory({ isValid: false, errorCode: 900400, errorDescription: "The PLA ID (formerly MPN ID) 6100003's authorization as an indirect reseller has expired." });
    const verdict = await checkResellerPartnerId(dir, { partnerId: ' 6100003 ', distributorName: 'Contoso Distribution' });
    expect(verdict).toMatchObject({ status: 'not-partner-of-record', partnerId: '6100003', resellerTenantId: 't-1' });
    expect(verdict.message).toMatch(/Microsoft 900400: .*expired.*Partner Location ID \(PLA\).*Contoso Distribution/);
    expect(dir.asked).toEqual([['6100003']]);
  });

  it('accepts one Microsoft accepts, and stops at the MPA when the directory cannot ask', async () => {
    expect((await checkResellerPartnerId(directory({ isValid: true }), { partnerId: '6100003', distributorName: 'Contoso' })).status).toBe('ok');
    expect((await checkResellerPartnerId(directory(null), { partnerId: '6100003', distributorName: 'Contoso' })).status).toBe('ok');
  });

  it("names a global Partner ID as such (use the PLA), and keeps 'not in the network' for an ID Microsoft knows as no reseller here", async () => {
    // 4100003 is Lucerne's global ID: the agreement status finds it, the network lists 6100003.
    const global = await checkResellerPartnerId(directory({ isValid: true }), { partnerId: '4100003', distributorName: 'Contoso' });
    expect(global).toMatchObject({ status: 'global-id', partnerId: '4100003', partnerName: 'Lucerne Publishing' });
    expect(global.message).toMatch(/global Partner ID.*Partner Location ID \(PLA\)|Partner Location ID \(PLA\).*global Partner ID/);
    // An ID of a reseller that is not an indirect reseller of this provider (2204): not in the network.
    const outsider = { ...directory({ isValid: true }), hasSignedMpa: async () => Promise.reject(Object.assign(new Error('2204'), { code: 'PARTNER_ID_NOT_IN_NETWORK' })) };
    expect((await checkResellerPartnerId(outsider, { partnerId: '5100009', distributorName: 'Contoso' })).status).toBe('not-in-network');
    // An outage while asking is thrown (the wizard says "try again"), never a verdict.
    const down = { ...directory({ isValid: true }), hasSignedMpa: async () => Promise.reject(Object.assign(new Error('503'), { code: 'PARTNER_CENTER_UNAVAILABLE', transient: true })) };
    await expect(checkResellerPartnerId(down, { partnerId: '4100003', distributorName: 'Contoso' })).rejects.toThrow('503');
  });
});
