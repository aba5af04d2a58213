import { z } from '@hono/zod-openapi';
import { GDAP_MAX_DURATION_DAYS, GDAP_STATES, GDAP_TEMPLATE_NAME_MAX } from '@csphub/domain';

const Guid = z.string().trim().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID');
export const GdapRoleSchema = z.object({ id: z.string(), name: z.string() }).openapi('GdapRole');
export const GdapCatalogueRoleSchema = z.object({ id: z.string(), name: z.string(), description: z.string() }).openapi('GdapCatalogueRole');
export const GdapGroupSchema = z.object({ groupId: z.string(), name: z.string(), roleIds: z.array(z.string()) }).openapi('GdapSecurityGroup');

export const GdapTemplateSchema = z
  .object({
    id: z.number().int(),
    connectionId: z.string(),
    name: z.string(),
    version: z.number().int(),
    roles: z.array(GdapRoleSchema),
    durationDays: z.number().int(),
    autoExtend: z.boolean(),
    securityGroups: z.array(GdapGroupSchema),
    isDefault: z.boolean(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('GdapTemplate');
export type GdapTemplateView = z.infer<typeof GdapTemplateSchema>;

/** A template as written: the role names come from the catalogue, so only ids are needed. */
export const GdapTemplateInputSchema = z
  .object({
    connectionId: z.string().uuid(),
    name: z.string().trim().min(1).max(GDAP_TEMPLATE_NAME_MAX),
    roleIds: z.array(Guid).min(1).max(100),
    durationDays: z.number().int().min(1).max(GDAP_MAX_DURATION_DAYS).openapi({ description: 'At most 730 days (P730D)' }),
    autoExtend: z.boolean().openapi({ description: 'Extend by 180 days at the end; refused with Global Administrator' }),
    securityGroups: z.array(z.object({ groupId: Guid, name: z.string().trim().min(1).max(120), roleIds: z.array(Guid).min(1).max(100) }).strict()).max(50).default([]),
    makeDefault: z.boolean().default(false),
  })
  .strict()
  .openapi('GdapTemplateInput');
export const GdapTemplateVersionInputSchema = GdapTemplateInputSchema.omit({ connectionId: true, name: true }).openapi('GdapTemplateVersionInput');

export const GdapRelationshipSchema = z
  .object({
    id: z.number().int(),
    relationshipId: z.string().nullable(),
    displayName: z.string(),
    connectionId: z.string(),
    customerTenantId: z.string(),
    template: z.object({ id: z.number().int(), name: z.string(), version: z.number().int() }).nullable(),
    state: z.enum(['requested', ...GDAP_STATES]),
    status: z.string().openapi({ description: "Graph's status as last seen" }),
    roles: z.array(GdapRoleSchema),
    includesGlobalAdministrator: z.boolean(),
    durationDays: z.number().int(),
    autoExtend: z.boolean(),
    approvalUrl: z.string().nullable(),
    accessAssignments: z.array(z.object({ id: z.string(), securityGroupId: z.string(), roleIds: z.array(z.string()), status: z.string() })),
    runId: z.string().nullable(),
    createdAt: z.string(),
    activatedAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('GdapRelationship');
export type GdapRelationshipView = z.infer<typeof GdapRelationshipSchema>;

export const GdapRequestInputSchema = z
  .object({
    templateId: z.number().int().positive(),
    emailCustomerAdmin: z.boolean().default(false).openapi({ description: "E-mail the approval link to the company's address, in its language" }),
  })
  .strict()
  .openapi('GdapRequestInput');

export const GdapActionInputSchema = z
  .object({
    action: z.enum(['renew', 'terminate', 'upgrade', 'remove-global-admin']),
    templateId: z.number().int().positive().optional().openapi({ description: 'The template to upgrade to (upgrade only)' }),
    emailCustomerAdmin: z.boolean().default(false),
  })
  .strict()
  .openapi('GdapActionInput');

export const GdapUpgradePreviewSchema = z
  .object({
    template: z.object({ id: z.number().int(), name: z.string(), version: z.number().int() }),
    added: z.array(GdapRoleSchema),
    removed: z.array(GdapRoleSchema),
    kept: z.array(GdapRoleSchema),
    durationDays: z.object({ from: z.number().int(), to: z.number().int() }),
    autoExtend: z.object({ from: z.boolean(), to: z.boolean() }),
  })
  .openapi('GdapUpgradePreview');
export type GdapUpgradePreview = z.infer<typeof GdapUpgradePreviewSchema>;
