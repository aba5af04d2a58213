import { z } from 'zod';
import { ResourceAttributesSchema, collectionSchema } from './common.schema';

/** Audit record (docs/PARTNER-CENTER-REFERENCE.md §14): `GET /v1/auditrecords?startDate=&endDate=&size=`. */
export const AuditRecordSchema = z.looseObject({
  id: z.string(),
  partnerId: z.string(),
  customerId: z.string().optional().nullable(),
  customerName: z.string().optional().nullable(),
  userPrincipalName: z.string().optional().nullable(),
  applicationId: z.string().optional().nullable(),
  resourceType: z.string(),
  resourceNewValue: z.string().optional().nullable(),
  operationType: z.string(),
  operationStatus: z.enum(['succeeded', 'failed', 'progress', 'decline']),
  operationDate: z.string(),
  customizedData: z.array(z.looseObject({ key: z.string(), value: z.string() })).optional(),
  attributes: ResourceAttributesSchema,
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;
export const AuditRecordCollectionSchema = collectionSchema(AuditRecordSchema);
