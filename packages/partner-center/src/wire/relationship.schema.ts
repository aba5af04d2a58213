import { z } from 'zod';
import { LinksSchema, ResourceAttributesSchema, collectionSchema } from './common.schema';

/** `GET /v1/customers/relationshiprequests` (docs/PARTNER-CENTER-REFERENCE.md §6). */
export const RelationshipRequestSchema = z.looseObject({
  url: z.string(),
  attributes: ResourceAttributesSchema.optional(),
});
export type RelationshipRequest = z.infer<typeof RelationshipRequestSchema>;

/** `relationship_type` query values of `GET /v1/relationships` (docs/PARTNER-CENTER-REFERENCE.md §7). */
export const RelationshipTypeQuerySchema = z.enum(['IsIndirectCloudSolutionProviderOf', 'IsIndirectResellerOf']);
export type RelationshipTypeQuery = z.infer<typeof RelationshipTypeQuerySchema>;

/** PartnerRelationship item (docs/PARTNER-CENTER-REFERENCE.md §7). */
export const PartnerRelationshipSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  relationshipType: z.enum(['is_indirect_cloud_solution_provider_of', 'is_indirect_reseller_of', 'none']),
  state: z.string(),
  mpnId: z.string(),
  partnerId: z.string().optional(),
  location: z.string().optional(),
  attributes: ResourceAttributesSchema.optional(),
});
export type PartnerRelationship = z.infer<typeof PartnerRelationshipSchema>;
export const PartnerRelationshipCollectionSchema = collectionSchema(PartnerRelationshipSchema);

/** `GET /v1/profiles/mpn?mpnId=` (docs/PARTNER-CENTER-REFERENCE.md §7). */
export const MpnProfileSchema = z.looseObject({
  partnerName: z.string(),
  mpnId: z.string(),
  profileType: z.literal('MpnProfile'),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema.optional(),
});
export type MpnProfile = z.infer<typeof MpnProfileSchema>;

/** `GET /v1/compliance/csp/agreementstatus` (docs/PARTNER-CENTER-REFERENCE.md §7). */
export const AgreementStatusSchema = z.looseObject({ isAgreementSigned: z.boolean() });
export type AgreementStatus = z.infer<typeof AgreementStatusSchema>;
