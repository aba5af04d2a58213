import type { PartnerRelationship } from '@csphub/partner-center/wire';
import type { ResellerRecord } from '../engine/emulator-state';

/** PartnerRelationship item (docs/PARTNER-CENTER-REFERENCE.md §7). */
export function toPartnerRelationship(reseller: ResellerRecord, relationshipType: PartnerRelationship['relationshipType']): PartnerRelationship {
  return {
    id: reseller.tenantId,
    name: reseller.name,
    relationshipType,
    state: reseller.state,
    mpnId: reseller.partnerId,
    partnerId: reseller.partnerId,
    location: reseller.country,
    attributes: { objectType: 'PartnerRelationship' },
  };
}
