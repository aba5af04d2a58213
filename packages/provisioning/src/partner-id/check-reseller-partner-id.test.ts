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
});
