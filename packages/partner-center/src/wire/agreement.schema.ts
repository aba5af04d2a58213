import { z } from 'zod';
import { acceptPascalCase } from './case';
import { LinksSchema, ResourceAttributesSchema, collectionSchema } from './common.schema';

export const AgreementTypeSchema = z.enum(['MicrosoftCustomerAgreement', 'MicrosoftCloudAgreement']);
export type AgreementType = z.infer<typeof AgreementTypeSchema>;

/** `GET /v1/agreements?agreementType=` item (docs/PARTNER-CENTER-REFERENCE.md §5.1). */
export const AgreementMetaDataSchema = z.looseObject({
  templateId: z.string(),
  agreementType: AgreementTypeSchema,
  agreementLink: z.string(),
  versionRank: z.number().int(),
  attributes: ResourceAttributesSchema.optional(),
});
export type AgreementMetaData = z.infer<typeof AgreementMetaDataSchema>;
export const AgreementMetaDataCollectionSchema = collectionSchema(AgreementMetaDataSchema);

export const AgreementContactSchema = z.object({
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  email: z.string().min(3),
  phoneNumber: z.string().optional().nullable(),
});

/** `POST /v1/customers/{id}/agreements` body (docs/PARTNER-CENTER-REFERENCE.md §5.2). */
export const CreateAgreementRequestSchema = acceptPascalCase(
  z.object({
    primaryContact: AgreementContactSchema,
    templateId: z.string().min(1),
    dateAgreed: z.string().min(1),
    type: AgreementTypeSchema,
  }),
);
export type CreateAgreementRequest = z.infer<typeof CreateAgreementRequestSchema>;

export const AgreementSchema = z.looseObject({
  primaryContact: z.looseObject({
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phoneNumber: z.string().optional().nullable(),
  }),
  templateId: z.string(),
  dateAgreed: z.string(),
  type: AgreementTypeSchema,
  agreementLink: z.string().optional(),
  userId: z.string().optional(),
  links: LinksSchema.optional(),
  attributes: ResourceAttributesSchema.optional(),
});
export type Agreement = z.infer<typeof AgreementSchema>;
export const AgreementCollectionSchema = collectionSchema(AgreementSchema);

/** `GET /v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus` (docs/PARTNER-CENTER-REFERENCE.md §5.4). */
export const DirectSignStatusSchema = z.looseObject({ isSigned: z.boolean() });
export type DirectSignStatus = z.infer<typeof DirectSignStatusSchema>;

/** Microsoft Customer Agreement template id from the docs' example (docs/PARTNER-CENTER-REFERENCE.md §5.1). */
export const MCA_TEMPLATE_ID = '117a77b0-9360-443b-8795-c6dedc750cf9';
