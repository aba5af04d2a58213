import { z } from 'zod';
import { LinksSchema, ResourceAttributesSchema, collectionSchema } from './common.schema';
import { acceptPascalCase } from './case';

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

/**
 * The most Partner IDs one `POST /v1/partners/validateresellers` carries. Microsoft's page
 * ("Validate reseller partner of record", docs/PARTNER-CENTER-REFERENCE.md §7.1) gives no limit;
 * the client batches by this number and the emulator refuses a longer list
 * (docs/EMULATOR-DIFFERENCES.md).
 */
export const VALIDATE_RESELLERS_BATCH = 100;

/** `POST /v1/partners/validateresellers` body: the Partner Location IDs (PLA) to check (§7.1). */
export const ValidateResellersRequestSchema = acceptPascalCase(
  z.object({
    partnerIds: z.array(z.string().min(1).max(64)).min(1).max(VALIDATE_RESELLERS_BATCH),
  }),
);
export type ValidateResellersRequest = z.infer<typeof ValidateResellersRequestSchema>;

/**
 * One result of `validateresellers` (§7.1): whether the ID may be the partner of record on an order;
 * when not, Microsoft's `errorCode` (the page's example shows 900400) and `errorDescription`.
 */
export const ResellerValidationResultSchema = z.object({
  partnerId: z.string(),
  isValidPartnerIdOnRecord: z.boolean(),
  errorCode: z.number().int().optional().nullable(),
  errorDescription: z.string().optional().nullable(),
});
export type ResellerValidationResult = z.infer<typeof ResellerValidationResultSchema>;

export const ValidateResellersResponseSchema = z.object({
  validationResults: z.array(ResellerValidationResultSchema),
});
export type ValidateResellersResponse = z.infer<typeof ValidateResellersResponseSchema>;
