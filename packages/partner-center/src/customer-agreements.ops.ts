import { fromCatalogue } from './api-request';
import type { CallOptions, RequestPipeline } from './request-pipeline';
import {
  AgreementCollectionSchema,
  AgreementMetaDataCollectionSchema,
  AgreementSchema,
  DirectSignStatusSchema,
  type Agreement,
} from './wire/agreement.schema';

/** The current Microsoft Customer Agreement template (docs/PARTNER-CENTER-REFERENCE.md §5.1). */
export interface McaTemplate {
  templateId: string;
  /** Link to show the customer (`https://aka.ms/customeragreement`). */
  link: string;
  versionRank: number;
}

/** Who accepted the MCA on the customer's side, as the partner attests it. */
export interface McaSigner {
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber?: string;
}

/** A recorded MCA acceptance (docs/PARTNER-CENTER-REFERENCE.md §5.2, §5.3). */
export interface McaAttestation {
  signer: McaSigner;
  templateId: string;
  /** When the customer accepted, ISO 8601. */
  acceptedAt: string;
  link?: string;
  /** Object id of the partner user whose token recorded it. */
  recordedByUserId?: string;
}

const toAttestation = (a: Agreement): McaAttestation => {
  const signer: McaSigner = {
    firstName: a.primaryContact.firstName,
    lastName: a.primaryContact.lastName,
    email: a.primaryContact.email,
  };
  if (a.primaryContact.phoneNumber) signer.phoneNumber = a.primaryContact.phoneNumber;
  const out: McaAttestation = { signer, templateId: a.templateId, acceptedAt: a.dateAgreed };
  if (a.agreementLink) out.link = a.agreementLink;
  if (a.userId) out.recordedByUserId = a.userId;
  return out;
};

/** Microsoft Customer Agreement: metadata, attestation, status (docs/PARTNER-CENTER-REFERENCE.md §5). */
export function createCustomerAgreementOps(pipeline: RequestPipeline) {
  const ops = {
    /** The MCA template to attest against: the highest `versionRank` Microsoft lists (docs/PARTNER-CENTER-REFERENCE.md §5.1). */
    async getMcaTemplate(options?: CallOptions): Promise<McaTemplate> {
      return pipeline.send(
        {
          ...fromCatalogue('agreements.metadata'),
          query: { agreementType: 'MicrosoftCustomerAgreement' },
          parse: ({ body }) => {
            const items = AgreementMetaDataCollectionSchema.parse(body).items.filter(
              (i) => i.agreementType === 'MicrosoftCustomerAgreement',
            );
            const best = items.sort((a, b) => b.versionRank - a.versionRank)[0];
            if (!best) throw new Error('Partner Center lists no Microsoft Customer Agreement template');
            return { templateId: best.templateId, link: best.agreementLink, versionRank: best.versionRank };
          },
        },
        options,
      );
    },

    /**
     * Records that the customer accepted the MCA (`POST /v1/customers/{id}/agreements`, App+User
     * only, §5.2). Without a `templateId` the current one is fetched first. The same signer twice
     * fails with `MCA_ALREADY_CONFIRMED` (600061), which a retried step can treat as done.
     */
    async confirmMca(
      customerTenantId: string,
      attestation: { signer: McaSigner; acceptedAt: Date | string; templateId?: string },
      options?: CallOptions,
    ): Promise<McaAttestation> {
      const templateId =
        attestation.templateId ?? (await ops.getMcaTemplate({ ...options, requestId: undefined })).templateId;
      const dateAgreed =
        typeof attestation.acceptedAt === 'string'
          ? attestation.acceptedAt
          : attestation.acceptedAt.toISOString();
      return pipeline.send(
        {
          ...fromCatalogue('agreements.create'),
          // The partner-typed confirmation is App+User only (§5.2); the catalogue entry also serves §5.5.
          auth: 'appUser',
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          body: {
            primaryContact: {
              firstName: attestation.signer.firstName,
              lastName: attestation.signer.lastName,
              email: attestation.signer.email,
              ...(attestation.signer.phoneNumber ? { phoneNumber: attestation.signer.phoneNumber } : {}),
            },
            templateId,
            dateAgreed,
            type: 'MicrosoftCustomerAgreement',
          },
          parse: ({ body }) => toAttestation(AgreementSchema.parse(body)),
        },
        options,
      );
    },

    /** The MCA acceptances recorded for a customer (docs/PARTNER-CENTER-REFERENCE.md §5.3, App+User only). Empty when none. */
    async listMcaAttestations(customerTenantId: string, options?: CallOptions): Promise<McaAttestation[]> {
      return pipeline.send(
        {
          ...fromCatalogue('agreements.list'),
          params: { customerId: customerTenantId },
          query: { agreementType: 'MicrosoftCustomerAgreement' },
          customerId: customerTenantId,
          parse: ({ body }) => AgreementCollectionSchema.parse(body).items.map(toAttestation),
        },
        options,
      );
    },

    /** Whether the customer accepted the MCA themselves in the Microsoft 365 admin center (docs/PARTNER-CENTER-REFERENCE.md §5.4). */
    async isMcaDirectlySigned(customerTenantId: string, options?: CallOptions): Promise<boolean> {
      return pipeline.send(
        {
          ...fromCatalogue('agreements.directSignStatus'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          parse: ({ body }) => DirectSignStatusSchema.parse(body).isSigned,
        },
        options,
      );
    },

    /**
     * Whether an acceptance of the current MCA exists either way (attested by a partner or signed
     * directly). An agreement on an older version does not count once Microsoft lists a newer one:
     * the customer must accept again before the next purchase (docs/PARTNER-CENTER-REFERENCE.md §5.6).
     */
    async hasMca(customerTenantId: string, options?: CallOptions): Promise<boolean> {
      return (await ops.mcaStatus(customerTenantId, options)).state === 'current';
    },

    /** `current`, `outdated` (accepted an older version only) or `none`. */
    async mcaStatus(customerTenantId: string, options?: CallOptions): Promise<{ state: 'current' | 'outdated' | 'none'; currentTemplateId: string }> {
      const plain = { ...options, requestId: undefined };
      const [attested, template] = await Promise.all([ops.listMcaAttestations(customerTenantId, plain), ops.getMcaTemplate(plain)]);
      const current = template.templateId.toLowerCase();
      if (attested.some((a) => a.templateId.toLowerCase() === current)) return { state: 'current', currentTemplateId: template.templateId };
      if (await ops.isMcaDirectlySigned(customerTenantId, plain)) return { state: 'current', currentTemplateId: template.templateId };
      return { state: attested.length > 0 ? 'outdated' : 'none', currentTemplateId: template.templateId };
    },
  };
  return ops;
}
