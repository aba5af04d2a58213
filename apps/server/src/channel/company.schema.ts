import { z } from '@hono/zod-openapi';
import { COMPANY_KINDS } from '@csphub/domain';

const text = (max: number, example?: string) => z.string().max(max).nullable().openapi(example ? { example } : {});

/** The editable fields, shared by create and update (all optional; empty strings clear a field). */
export const CompanyFieldsSchema = z.object({
  name: z.string().min(1).max(200).openapi({ example: 'Fabrikam Retail S.L.' }),
  domain: text(253, 'fabrikam.es'),
  registrationNumber: text(64).openapi({ description: 'VAT or company registration id' }),
  partnerId: text(16).openapi({ description: "A reseller's Microsoft Partner ID; set by the distributor" }),
  partnerLocationId: text(16).openapi({ description: "A reseller's Partner Location ID (PLA), the partner of record on its orders; set by the distributor" }),
  addressLine1: text(200),
  addressLine2: text(200),
  city: text(100),
  state: text(100),
  postalCode: text(20),
  country: text(2, 'ES').openapi({ description: 'ISO 3166-1 alpha-2' }),
  email: text(254, 'it@fabrikam.es'),
  phone: text(40, '+34 912 345 678'),
  contactPerson: text(200),
  technicalContact: text(200),
  language: z.string().min(2).max(10).openapi({ example: 'es' }),
  salesManager: text(200),
  marketplace: text(200),
  billingLine1: text(200),
  billingLine2: text(200),
  billingCity: text(100),
  billingState: text(100),
  billingPostalCode: text(20),
  billingCountry: text(2),
  billingUsesResellerAddress: z.boolean().openapi({ description: "Sub-customers only: bill to the reseller's address" }),
});

export const CompanyPatchSchema = CompanyFieldsSchema.partial().strict().openapi('CompanyPatch');

export const CompanyCreateSchema = CompanyFieldsSchema.partial()
  .extend({
    parentId: z.number().int().openapi({ description: 'The reseller (or the distributor, for a reseller or a direct customer)' }),
    kind: z.enum(['reseller', 'customer']),
    name: CompanyFieldsSchema.shape.name,
  })
  .strict()
  .openapi('CompanyCreate');

const CrumbSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(COMPANY_KINDS) });

const AddressSchema = z
  .object({ line1: z.string().nullable(), line2: z.string().nullable(), city: z.string().nullable(), state: z.string().nullable(), postalCode: z.string().nullable(), country: z.string().nullable() })
  .openapi('PostalAddress');

/** Microsoft's last verdict on a reseller's partner-of-record ID (docs/PARTNER-CENTER-REFERENCE.md §7.1). */
export const PartnerOfRecordStatusSchema = z
  .object({
    partnerId: z.string().nullable().openapi({ description: 'The ID orders name as partner of record: the PLA, or the Partner ID when no PLA is on file' }),
    status: z.enum(['unchecked', 'eligible', 'ineligible']),
    checkedAt: z.string().nullable(),
    errorCode: z.number().int().nullable().openapi({ description: "Microsoft's code when ineligible (900400)" }),
    errorDescription: z.string().nullable().openapi({ description: "Microsoft's description when ineligible" }),
  })
  .openapi('PartnerOfRecordStatus');
export type PartnerOfRecordStatus = z.infer<typeof PartnerOfRecordStatusSchema>;

export const CompanySchema = CompanyFieldsSchema.extend({
  id: z.number().int().openapi({ description: 'The numeric id people quote' }),
  kind: z.enum(COMPANY_KINDS),
  parentId: z.number().int().nullable(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
  deactivatedAt: z.string().nullable(),
  breadcrumbs: z.array(CrumbSchema).openapi({ description: 'From the top of what the caller can see down to this company' }),
  reseller: z
    .object({ id: z.number().int(), name: z.string(), billingAddress: AddressSchema })
    .nullable()
    .openapi({ description: "For a reseller's customer: the reseller and the billing address it would fall back to" }),
  partnerOfRecord: PartnerOfRecordStatusSchema.nullable().openapi({ description: 'Resellers only: whether Microsoft accepts its PLA as partner of record' }),
}).openapi('Company');
export type CompanyDto = z.infer<typeof CompanySchema>;

export const TreeNodeSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    kind: z.enum(COMPANY_KINDS),
    name: z.string(),
    domain: z.string().nullable(),
    status: z.enum(['active', 'inactive']),
    ready: z.boolean().nullable().openapi({ description: 'Customers: whether the provisioning prerequisites are met' }),
    porStatus: z.enum(['unchecked', 'eligible', 'ineligible']).nullable().openapi({ description: 'Resellers: whether Microsoft accepts its PLA as partner of record' }),
    porErrorDescription: z.string().nullable().openapi({ description: "Resellers marked ineligible: Microsoft's reason" }),
  })
  .openapi('CompanyTreeNode');

export const TreeSchema = z.object({ rootId: z.number().int(), nodes: z.array(TreeNodeSchema) }).openapi('CompanyTree');

export const PrerequisitesSchema = z
  .object({
    ready: z.boolean(),
    items: z.array(
      z.object({
        key: z.enum(['phone', 'email', 'billingAddress']),
        ok: z.boolean(),
        source: z.enum(['own', 'reseller']).optional(),
        problems: z.array(
          z
            .object({ field: z.string(), code: z.string(), example: z.string().optional(), message: z.string(), reseller: z.string().optional().openapi({ description: "`reseller-*` codes: the reseller whose data is missing" }) })
            .passthrough(),
        ),
      }),
    ),
    policy: z.object({ requireCorporateEmail: z.boolean(), requireSubCustomerBillingAddress: z.boolean() }),
  })
  .openapi('Prerequisites');

export const IdParamSchema = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 100002 }) });
