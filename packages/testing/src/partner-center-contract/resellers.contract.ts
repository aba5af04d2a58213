import { isPartnerCenterError } from '@csphub/partner-center';
import { describe, expect, it } from 'vitest';
import { itWithControl, type ContractContext } from './contract-context';

/** Relationship invitation links, indirect resellers, Partner ID and MPA checks (docs/PARTNER-CENTER-REFERENCE.md §6, §7). */
export function registerResellerContract(ctx: ContractContext): void {
  describe('relationship requests and indirect resellers', () => {
    it('hands out the reseller-relationship invitation link, direct and for a reseller', async () => {
      const client = ctx.target.client('indirect');
      const direct = new URL(await client.getRelationshipRequestLink());
      expect(direct.toString()).toMatch(/ResellerRelationship/);
      const indirect = new URL(
        await client.getRelationshipRequestLink({
          indirectResellerTenantId: ctx.target.fixtures.reseller.tenantId,
        }),
      );
      expect(indirect.toString()).not.toBe(direct.toString());
    });

    it('lists the provider’s indirect resellers with their Partner IDs', async () => {
      const resellers = await ctx.target.client('indirect').listIndirectResellers();
      const { reseller } = ctx.target.fixtures;
      expect(resellers.find((r) => r.tenantId === reseller.tenantId)).toMatchObject({
        partnerId: reseller.partnerId,
        isActive: true,
      });
    });

    it('looks a Partner ID up, and reports an unknown one as PARTNER_ID_UNKNOWN', async () => {
      const client = ctx.target.client('indirect');
      const profile = await client.lookupPartnerId(ctx.target.fixtures.reseller.partnerId);
      expect(profile.partnerId).toBe(ctx.target.fixtures.reseller.partnerId);
      expect(profile.name.length).toBeGreaterThan(0);
      const error = await client
        .lookupPartnerId(ctx.target.fixtures.unknownPartnerId)
        .catch((e: unknown) => e);
      expect(isPartnerCenterError(error, 'PARTNER_ID_UNKNOWN')).toBe(true);
    });

    it('tells whether a reseller signed the Microsoft Partner Agreement', async () => {
      const client = ctx.target.client('indirect');
      expect(await client.hasSignedMpa({ partnerId: ctx.target.fixtures.reseller.partnerId })).toBe(true);
      expect(await client.hasSignedMpa({ tenantId: ctx.target.fixtures.reseller.tenantId })).toBe(true);
      const unsigned = ctx.target.fixtures.mpaNotSignedPartnerId;
      if (unsigned) expect(await client.hasSignedMpa({ partnerId: unsigned })).toBe(false);
    });

    it('gives the verdict on a reseller Partner ID', async () => {
      const client = ctx.target.client('indirect');
      expect(await client.verifyResellerPartnerId(ctx.target.fixtures.reseller.partnerId)).toMatchObject({
        status: 'ok',
      });
      expect(await client.verifyResellerPartnerId(ctx.target.fixtures.unknownPartnerId)).toMatchObject({
        status: 'unknown',
      });
      const unsigned = ctx.target.fixtures.mpaNotSignedPartnerId;
      if (unsigned) {
        const verdict = await client.verifyResellerPartnerId(unsigned);
        expect(verdict.status).toBe('mpa-not-signed');
        expect('message' in verdict && verdict.message).toMatch(/Partner Agreement/);
      }
    });
  
    // docs/PARTNER-CENTER-REFERENCE.md §7.1: partner of record by location ID (validateresellers).
    it('validates Partner Location IDs as partner of record, app-only, one result per ID', async () => {
      const client = ctx.target.client('indirect');
      const { reseller, unknownPartnerId, resellerGlobalPartnerId, porIneligiblePartnerId } = ctx.target.fixtures;
      const ids = [reseller.partnerId, unknownPartnerId, ...(resellerGlobalPartnerId ? [resellerGlobalPartnerId] : []), ...(porIneligiblePartnerId ? [porIneligiblePartnerId] : [])];
      const results = await client.validateResellers(ids);
      expect(results.map((r) => r.partnerId)).toEqual(ids);
      expect(results[0]).toEqual({ partnerId: reseller.partnerId, isValid: true });
      for (const refused of results.slice(1)) {
        expect(refused.isValid).toBe(false);
        expect(typeof refused.errorCode).toBe('number');
        expect(refused.errorDescription?.length).toBeGreaterThan(0);
      }
    });

    itWithControl(ctx)('sends a long list in batches and answers every ID once', async () => {
      const client = ctx.target.client('indirect');
      const { reseller } = ctx.target.fixtures;
      const before = (await ctx.control.calls()).filter((c) => c.operation === 'partners.validateResellers').length;
      const unknowns = Array.from({ length: 149 }, (_, i) => String(9_800_000 + i));
      const results = await client.validateResellers([reseller.partnerId, ...unknowns, reseller.partnerId]);
      expect(results).toHaveLength(150);
      expect(results.filter((r) => r.isValid).map((r) => r.partnerId)).toEqual([reseller.partnerId]);
      const after = (await ctx.control.calls()).filter((c) => c.operation === 'partners.validateResellers');
      expect(after.length - before).toBe(2);
    });

    itWithControl(ctx)('follows a change of a reseller’s partner-of-record authorization', async () => {
      const spare = ctx.target.fixtures.spareResellerPartnerId;
      if (!spare) throw new Error('the emulator target names a spare reseller');
      const client = ctx.target.client('indirect');
      expect((await client.validateResellers([spare]))[0]?.isValid).toBe(true);
      await ctx.control.setResellerPartnerOfRecord(spare, 'expired');
      try {
        const [lapsed] = await client.validateResellers([spare]);
        expect(lapsed).toMatchObject({ isValid: false, errorCode: 900400 });
        expect(lapsed?.errorDescription).toMatch(/expired/);
      } finally {
        await ctx.control.setResellerPartnerOfRecord(spare, 'authorized');
      }
      expect((await client.validateResellers([spare]))[0]?.isValid).toBe(true);
    });
  });
}
