import { z } from 'zod';
import { AgreementTypeSchema } from './agreement.schema';
import { ResourceAttributesSchema } from './common.schema';

/**
 * `POST /v1/attestations/enhanced` body (docs/PARTNER-CENTER-REFERENCE.md §5.5; Microsoft Learn,
 * "Confirm customer acceptance of the Microsoft Customer Agreement", enhanced attestation API):
 * who will sign for the customer, in which country and language. App-only.
 */
export const EnhancedAttestationRequestSchema = z.object({
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code'),
  /** The language the agreement is shown in (`en`, `es`, `en-US`...). */
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag'),
  companyName: z.string().trim().min(1).max(256),
  signatoryFirstName: z.string().trim().min(1).max(100),
  signatoryLastName: z.string().trim().min(1).max(100),
  signatoryEmail: z.string().trim().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'an e-mail address').max(320),
  signatoryPhoneNumber: z.string().trim().max(40).optional().nullable(),
});
export type EnhancedAttestationRequest = z.infer<typeof EnhancedAttestationRequestSchema>;

/** Where the signatory stands in Microsoft's component. */
export const AttestationStatusSchema = z.enum(['Pending', 'Accepted', 'Declined']);
export type AttestationStatus = z.infer<typeof AttestationStatusSchema>;

/** The attestation as Partner Center answers it: the id to build the component's link and later the agreement from. */
export const EnhancedAttestationSchema = z.looseObject({
  attestationId: z.string().min(1),
  country: z.string().optional(),
  language: z.string().optional(),
  companyName: z.string().optional(),
  signatoryFirstName: z.string().optional(),
  signatoryLastName: z.string().optional(),
  signatoryEmail: z.string().optional(),
  signatoryPhoneNumber: z.string().optional().nullable(),
  status: AttestationStatusSchema.optional(),
  /** The MCA version the signatory accepted (set once accepted). */
  templateId: z.string().optional().nullable(),
  acceptedDateTime: z.string().optional().nullable(),
  createdDateTime: z.string().optional(),
  attributes: ResourceAttributesSchema.optional(),
});
export type EnhancedAttestation = z.infer<typeof EnhancedAttestationSchema>;

/**
 * `POST /v1/customers/{id}/agreements` made from an accepted attestation (same Learn page, "Create
 * agreement API" with the attestation id). The signatory and the date come from the attestation.
 */
export const CreateAgreementFromAttestationRequestSchema = z.object({
  attestationId: z.string().trim().min(1),
  templateId: z.string().min(1).optional(),
  type: AgreementTypeSchema,
});
export type CreateAgreementFromAttestationRequest = z.infer<typeof CreateAgreementFromAttestationRequestSchema>;
