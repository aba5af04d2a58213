import { RelationshipTypeQuerySchema, ValidateResellersRequestSchema } from '@csphub/partner-center/wire';
import { parseBody } from '../protocol/validate';
import type { ApiRouter } from '../protocol/api-router';
import { json } from '../protocol/respond';
import * as pcErrors from '../errors/pc-errors';
import { agreementStatus, findByPartnerId, validateResellers } from '../engine/resellers.engine';
import { toPartnerRelationship } from '../views/relationship.view';
import { collection } from '../views/collection.view';

export function registerResellerRoutes(r: ApiRouter): void {
  // docs/PARTNER-CENTER-REFERENCE.md §7: the indirect reseller network (App+User only).
  r.op('relationships.list', (ctx) => {
    const engine = ctx.runtime.engine;
    const partner = engine.partnerByTenant(ctx.principal.partnerTenantId)!;
    const raw = ctx.query('relationship_type');
    const type = RelationshipTypeQuerySchema.safeParse(raw);
    if (!type.success) throw pcErrors.invalidProperty(`relationship_type must be IsIndirectCloudSolutionProviderOf or IsIndirectResellerOf; got '${raw ?? ''}'.`, ['relationship_type']);
    let items =
      type.data === 'IsIndirectCloudSolutionProviderOf' && partner.kind === 'indirect_provider'
        ? Object.values(engine.state.resellers)
            .filter((x) => x.providerTenantIds.includes(partner.tenantId))
            .map((x) => toPartnerRelationship(x, 'is_indirect_cloud_solution_provider_of'))
        : [];
    // The service's swagger documents a name starts_with filter.
    const filter = ctx.query('filter');
    if (filter) {
      let value = '';
      try {
        const parsed = JSON.parse(filter) as Record<string, unknown>;
        value = String(parsed['Value'] ?? parsed['value'] ?? '');
      } catch {
        throw pcErrors.invalidProperty('filter must be URL-encoded JSON.', ['filter']);
      }
      items = items.filter((i) => i.name.toLowerCase().startsWith(value.toLowerCase()));
    }
    return json(200, collection(items, '/v1/relationships'));
  });

  // §7: validate a Partner ID (App+User only). Omitting mpnId returns the caller's own profile.
  r.op('profiles.mpn', (ctx) => {
    const engine = ctx.runtime.engine;
    const mpnId = ctx.query('mpnId');
    const found = mpnId === undefined || mpnId === '' ? { name: engine.partnerByTenant(ctx.principal.partnerTenantId)!.name, partnerId: engine.partnerByTenant(ctx.principal.partnerTenantId)!.partnerId } : findByPartnerId(engine, mpnId);
    if (!found) throw pcErrors.mpnNotFound(mpnId!);
    return json(200, {
      partnerName: found.name,
      mpnId: found.partnerId,
      profileType: 'MpnProfile',
      links: { self: { uri: `/profiles/mpn?mpnId=${found.partnerId}`, method: 'GET', headers: [] } },
      attributes: { objectType: 'MpnProfile' },
    });
  });

  // §7: reseller MPA status (App+User only).
  r.op('compliance.agreementStatus', (ctx) => {
    const engine = ctx.runtime.engine;
    const provider = engine.partnerByTenant(ctx.principal.partnerTenantId)!;
    return json(200, agreementStatus(engine, provider, ctx.query('mpnId'), ctx.query('tenantId')));
  });

  // §7.1: which Partner Location IDs may be the partner of record ("Validate reseller partner of
  // record", https://learn.microsoft.com/partner-center/developer/validate-reseller-partner-of-record).
  // App-only or App+User; 200 with one result per ID; a missing or empty list is 400/3000.
  r.op('partners.validateResellers', async (ctx) => {
    const provider = ctx.runtime.engine.partnerByTenant(ctx.principal.partnerTenantId)!;
    const input = parseBody(ValidateResellersRequestSchema, await ctx.body());
    return json(200, validateResellers(ctx.runtime.engine, provider, input.partnerIds));
  });
}
