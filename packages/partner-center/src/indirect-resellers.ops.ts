import { isPartnerCenterError } from './partner-center-error';
import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  AgreementStatusSchema,
  MpnProfileSchema,
  PartnerRelationshipCollectionSchema,
  VALIDATE_RESELLERS_BATCH,
  ValidateResellersResponseSchema,
  type PartnerRelationship,
} from './wire/relationship.schema';

/** An indirect reseller in the provider's network (docs/PARTNER-CENTER-REFERENCE.md §7). */
export interface IndirectReseller {
  /** The reseller's tenant id: what a customer's `indirectResellerTenantId` is set to. */
  tenantId: string;
  name: string;
  /** The reseller's Partner ID (formerly MPN id). */
  partnerId: string;
  /** Microsoft's state (`Active`, ...). */
  state: string;
  isActive: boolean;
  /** Country of the reseller's location. */
  country?: string;
}

/** What Microsoft says about a Partner ID (docs/PARTNER-CENTER-REFERENCE.md §7). */
export interface PartnerProfile {
  partnerId: string;
  name: string;
}

/**
 * Microsoft's answer for one Partner Location ID (docs/PARTNER-CENTER-REFERENCE.md §7.1): whether an
 * order may name it as partner of record; when not, Microsoft's code and description.
 */
export interface PartnerOfRecordValidation {
  partnerId: string;
  isValid: boolean;
  errorCode?: number;
  errorDescription?: string;
}

/** The verdict on a reseller's Partner ID. */
export type ResellerPartnerIdCheck =
  | { status: 'ok'; reseller: IndirectReseller; profile: PartnerProfile }
  | { status: 'unknown'; message: string }
  | { status: 'not-in-network'; profile: PartnerProfile; message: string }
  | { status: 'mpa-not-signed'; reseller: IndirectReseller; profile: PartnerProfile; message: string };

const toReseller = (r: PartnerRelationship): IndirectReseller => {
  const out: IndirectReseller = {
    tenantId: r.id,
    name: r.name,
    partnerId: r.mpnId,
    state: r.state,
    isActive: r.state.toLowerCase() === 'active',
  };
  if (r.location) out.country = r.location;
  return out;
};

/** Indirect resellers, Partner ID lookup and MPA status (docs/PARTNER-CENTER-REFERENCE.md §7). */
export function createIndirectResellerOps(pipeline: RequestPipeline) {
  const ops = {
    /** The provider's indirect resellers (`GET /v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf`, App+User). */
    async listIndirectResellers(options?: CallOptions): Promise<IndirectReseller[]> {
      return pipeline.send(
        {
          ...fromCatalogue('relationships.list'),
          query: { relationship_type: 'IsIndirectCloudSolutionProviderOf' },
          parse: ({ body }) => PartnerRelationshipCollectionSchema.parse(body).items.map(toReseller),
        },
        options,
      );
    },

    /** Microsoft's profile for a Partner ID (`GET /v1/profiles/mpn?mpnId=`, App+User). Unknown → `PARTNER_ID_UNKNOWN`. */
    async lookupPartnerId(partnerId: string, options?: CallOptions): Promise<PartnerProfile> {
      return pipeline.send(
        {
          ...fromCatalogue('profiles.mpn'),
          query: { mpnId: partnerId.trim() },
          parse: ({ body }) => {
            const p = MpnProfileSchema.parse(body);
            return { partnerId: p.mpnId, name: p.partnerName };
          },
        },
        options,
      );
    },

    /**
     * Whether a reseller accepted the Microsoft Partner Agreement
     * (`GET /v1/compliance/csp/agreementstatus`, App+User). Error 2203 ("MPA not signed for the
     * region") is an answer, false; unknown or out-of-network ids still fail with their codes.
     */
    async hasSignedMpa(
      reseller: { partnerId: string } | { tenantId: string },
      options?: CallOptions,
    ): Promise<boolean> {
      try {
        return await pipeline.send(
          {
            ...fromCatalogue('compliance.agreementStatus'),
            query:
              'partnerId' in reseller
                ? { mpnId: reseller.partnerId.trim() }
                : { tenantId: reseller.tenantId },
            parse: ({ body }) => AgreementStatusSchema.parse(body).isAgreementSigned,
          },
          options,
        );
      } catch (error) {
        if (isPartnerCenterError(error, 'MPA_NOT_SIGNED')) return false;
        throw error;
      }
    },

    /**
     * Which Partner Location IDs (PLA) Microsoft accepts as partner of record
     * (`POST /v1/partners/validateresellers`, app-only or App+User, §7.1). Sends the IDs in batches of
     * {@link VALIDATE_RESELLERS_BATCH} (each batch its own call and `MS-RequestId`), one after the
     * other, and answers one result per distinct ID in the order first given. Blank IDs are skipped.
     */
    async validateResellers(partnerIds: readonly string[], options?: CallOptions): Promise<PartnerOfRecordValidation[]> {
      const ids = [...new Set(partnerIds.map((id) => id.trim()).filter((id) => id !== ''))];
      const out: PartnerOfRecordValidation[] = [];
      for (let i = 0; i < ids.length; i += VALIDATE_RESELLERS_BATCH) {
        const batch = ids.slice(i, i + VALIDATE_RESELLERS_BATCH);
        const results = await pipeline.send(
          {
            ...fromCatalogue('partners.validateResellers'),
            body: { partnerIds: batch },
            parse: ({ body }) => ValidateResellersResponseSchema.parse(body).validationResults,
          },
          // A request id names one call: a caller's id would replay the first batch's answer.
          batch.length === ids.length ? options : { ...options, requestId: undefined },
        );
        const byId = new Map(results.map((r) => [r.partnerId.trim(), r]));
        for (const id of batch) {
          const r = byId.get(id);
          if (!r) throw new Error(`validateresellers answered no result for Partner ID ${id}`);
          out.push({
            partnerId: id,
            isValid: r.isValidPartnerIdOnRecord,
            ...(r.errorCode != null ? { errorCode: r.errorCode } : {}),
            ...(r.errorDescription ? { errorDescription: r.errorDescription } : {}),
          });
        }
      }
      return out;
    },

    /**
     * The whole check of a reseller Partner ID: known to Microsoft, an indirect reseller of this
     * provider, Partner Agreement accepted. Each failure comes with a sentence saying what the
     * reseller must do.
     */
    async verifyResellerPartnerId(partnerId: string, options?: CallOptions): Promise<ResellerPartnerIdCheck> {
      const sub = { ...options, requestId: undefined };
      let profile: PartnerProfile;
      try {
        profile = await ops.lookupPartnerId(partnerId, sub);
      } catch (error) {
        if (isPartnerCenterError(error, 'PARTNER_ID_UNKNOWN') || isPartnerCenterError(error, 'NOT_FOUND')) {
          return {
            status: 'unknown',
            message: `Microsoft does not know Partner ID ${partnerId}. Check the number with the reseller.`,
          };
        }
        throw error;
      }
      const reseller = (await ops.listIndirectResellers(sub)).find((r) => r.partnerId === profile.partnerId);
      if (!reseller || !reseller.isActive) {
        return {
          status: 'not-in-network',
          profile,
          message: `${profile.name} (Partner ID ${profile.partnerId}) is not an active indirect reseller of this provider. The reseller must accept the provider's reseller invitation in Partner Center.`,
        };
      }
      let signed: boolean;
      try {
        signed = await ops.hasSignedMpa({ partnerId: profile.partnerId }, sub);
      } catch (error) {
        if (isPartnerCenterError(error, 'PARTNER_ID_NOT_IN_NETWORK')) {
          return {
            status: 'not-in-network',
            profile,
            message: `${profile.name} (Partner ID ${profile.partnerId}) is not an indirect reseller in this provider's CSP region.`,
          };
        }
        throw error;
      }
      if (!signed) {
        return {
          status: 'mpa-not-signed',
          reseller,
          profile,
          message: `${profile.name} (Partner ID ${profile.partnerId}) has not accepted the Microsoft Partner Agreement. The reseller must accept it in Partner Center before orders can name it.`,
        };
      }
      return { status: 'ok', reseller, profile };
    },
  };
  return ops;
}
