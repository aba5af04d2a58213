import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import { AgreementSchema } from './wire/agreement.schema';
import { EnhancedAttestationSchema, type EnhancedAttestation } from './wire/attestation.schema';
import { mcaAcceptanceUrl } from './wire/urls';

/** Who signs the MCA for the customer, and where (docs/PARTNER-CENTER-REFERENCE.md §5.5). */
export interface McaSignatoryRequest {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The language the agreement is shown in. */
  language: string;
  companyName: string;
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string;
}

export type McaAttestationStatus = 'pending' | 'accepted' | 'declined';

/** An enhanced attestation as CSP Hub uses it. */
export interface McaAcceptanceRequest {
  attestationId: string;
  status: McaAttestationStatus;
  /** The link the signatory opens (null when the connection has no component link configured). */
  acceptanceUrl: string | null;
  /** The MCA version accepted, once accepted. */
  templateId: string | null;
  acceptedAt: string | null;
}

const STATUS: Record<string, McaAttestationStatus> = { Pending: 'pending', Accepted: 'accepted', Declined: 'declined' };

/**
 * The enhanced MCA attestation (docs/PARTNER-CENTER-REFERENCE.md §5.5): create it for the customer's
 * signatory, read its status, and create the agreement from it once accepted. App-only, like the
 * Learn page's prerequisites.
 */
export function createMcaAttestationOps(pipeline: RequestPipeline) {
  const componentBase = pipeline.connection.mcaComponentBaseUrl;
  const toRequest = (a: EnhancedAttestation, language: string): McaAcceptanceRequest => ({
    attestationId: a.attestationId,
    status: STATUS[a.status ?? 'Pending'] ?? 'pending',
    acceptanceUrl: componentBase ? mcaAcceptanceUrl(componentBase, a.attestationId, a.language ?? language) : null,
    templateId: a.templateId ?? null,
    acceptedAt: a.acceptedDateTime ?? null,
  });
  return {
    /** `POST /v1/attestations/enhanced`: a new attestation (a new id each call; journal the `MS-RequestId` to retry safely). */
    async createMcaAttestation(signatory: McaSignatoryRequest, options?: CallOptions): Promise<McaAcceptanceRequest> {
      return pipeline.send(
        {
          ...fromCatalogue('attestations.createEnhanced'),
          body: {
            country: signatory.country.toUpperCase(),
            language: signatory.language,
            companyName: signatory.companyName,
            signatoryFirstName: signatory.firstName,
            signatoryLastName: signatory.lastName,
            signatoryEmail: signatory.email,
            ...(signatory.phoneNumber ? { signatoryPhoneNumber: signatory.phoneNumber } : {}),
          },
          parse: ({ body }) => toRequest(EnhancedAttestationSchema.parse(body), signatory.language),
        },
        options,
      );
    },

    /** `GET /v1/attestations/enhanced/{id}`: whether the signatory accepted or declined yet. */
    async getMcaAttestation(attestationId: string, options?: CallOptions): Promise<McaAcceptanceRequest> {
      return pipeline.send(
        {
          ...fromCatalogue('attestations.getEnhanced'),
          params: { attestationId },
          parse: ({ body }) => toRequest(EnhancedAttestationSchema.parse(body), 'en'),
        },
        options,
      );
    },

    /**
     * `POST /v1/customers/{id}/agreements` with the attestation id (app-only). The same attestation
     * twice answers `MCA_ALREADY_CONFIRMED` (600061), which a retried step treats as done.
     */
    async createMcaAgreementFromAttestation(customerTenantId: string, attestationId: string, options?: CallOptions): Promise<{ templateId: string; acceptedAt: string }> {
      return pipeline.send(
        {
          ...fromCatalogue('agreements.create'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          body: { attestationId, type: 'MicrosoftCustomerAgreement' },
          parse: ({ body }) => {
            const a = AgreementSchema.parse(body);
            return { templateId: a.templateId, acceptedAt: a.dateAgreed };
          },
        },
        options,
      );
    },
  };
}
