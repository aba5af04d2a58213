import { z } from 'zod';
import { GDAP_GRAPH_STATUSES } from '@csphub/domain';

/** Statuses of a delegatedAdminRelationship (docs/PARTNER-CENTER-REFERENCE.md §12.2). */
export const GdapRelationshipStatusSchema = z.enum([...GDAP_GRAPH_STATUSES, 'unknownFutureValue']);
export type GdapRelationshipStatus = z.infer<typeof GdapRelationshipStatusSchema>;

export const UnifiedRoleSchema = z.object({ roleDefinitionId: z.guid() });
export const AccessDetailsSchema = z.object({ unifiedRoles: z.array(UnifiedRoleSchema).min(1) });

/** ISO-8601 duration such as `P730D`, `P2Y`, `PT0S`. */
export const IsoDurationSchema = z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO-8601 duration');

export const GdapRelationshipSchema = z.looseObject({
  '@odata.type': z.string().optional(),
  '@odata.etag': z.string().optional(),
  id: z.string(),
  displayName: z.string(),
  duration: z.string(),
  // displayName is read-only and nullable, set by Entra ("delegatedAdminRelationshipCustomerParticipant");
  // absent on a relationship created without it.
  customer: z.looseObject({ tenantId: z.string(), displayName: z.string().nullish() }).nullable().optional(),
  accessDetails: z.looseObject({ unifiedRoles: z.array(z.looseObject({ roleDefinitionId: z.string() })) }),
  autoExtendDuration: z.string(),
  status: GdapRelationshipStatusSchema,
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
  activatedDateTime: z.string().nullable(),
  endDateTime: z.string().nullable(),
});
export type GdapRelationship = z.infer<typeof GdapRelationshipSchema>;

/** Graph collection: `value` plus `@odata.nextLink` / `@odata.count`. */
export function graphCollectionSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    '@odata.context': z.string().optional(),
    '@odata.count': z.number().int().optional(),
    '@odata.nextLink': z.string().optional(),
    value: z.array(item),
  });
}
export const GdapRelationshipCollectionSchema = graphCollectionSchema(GdapRelationshipSchema);

/** `POST /tenantRelationships/delegatedAdminRelationships` (docs/PARTNER-CENTER-REFERENCE.md §12.3). Graph is camelCase only. */
export const CreateGdapRelationshipRequestSchema = z.object({
  displayName: z.string().min(1).max(50),
  duration: IsoDurationSchema,
  customer: z.object({ tenantId: z.guid(), displayName: z.string().optional() }).optional().nullable(),
  accessDetails: AccessDetailsSchema,
  autoExtendDuration: IsoDurationSchema.optional(),
});
export type CreateGdapRelationshipRequest = z.infer<typeof CreateGdapRelationshipRequestSchema>;

/** `PATCH …/{id}` (only while `created`). */
export const UpdateGdapRelationshipRequestSchema = CreateGdapRelationshipRequestSchema.partial();
export type UpdateGdapRelationshipRequest = z.infer<typeof UpdateGdapRelationshipRequestSchema>;

export const GdapRequestActionSchema = z.enum(['lockForApproval', 'approve', 'terminate', 'reject', 'unknownFutureValue']);
export type GdapRequestAction = z.infer<typeof GdapRequestActionSchema>;

/** `POST …/{id}/requests` body. */
export const CreateGdapRequestRequestSchema = z.object({ action: GdapRequestActionSchema });

export const GdapRequestSchema = z.looseObject({
  '@odata.etag': z.string().optional(),
  id: z.string(),
  action: GdapRequestActionSchema,
  status: z.enum(['created', 'pending', 'succeeded', 'failed', 'unknownFutureValue']),
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
});
export type GdapRequest = z.infer<typeof GdapRequestSchema>;
export const GdapRequestCollectionSchema = graphCollectionSchema(GdapRequestSchema);

/** Statuses of a long-running operation (Graph enum `longRunningOperationStatus`). */
export const GdapOperationStatusSchema = z.enum(['notStarted', 'running', 'succeeded', 'failed', 'unknownFutureValue']);
export type GdapOperationStatus = z.infer<typeof GdapOperationStatusSchema>;

/**
 * A long-running operation on a relationship (Graph resource "delegatedAdminRelationshipOperation"):
 * today an access assignment update; `data` is the payload as a JSON string.
 */
export const GdapOperationSchema = z.looseObject({
  '@odata.type': z.string().optional(),
  '@odata.etag': z.string().optional(),
  id: z.string(),
  operationType: z.enum(['delegatedAdminAccessAssignmentUpdate', 'delegatedAdminRelationshipUpdate', 'unknownFutureValue']),
  data: z.string(),
  status: GdapOperationStatusSchema,
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
});
export type GdapOperation = z.infer<typeof GdapOperationSchema>;
export const GdapOperationCollectionSchema = graphCollectionSchema(GdapOperationSchema);

export const AccessContainerSchema = z.object({
  accessContainerId: z.string().min(1),
  accessContainerType: z.enum(['securityGroup', 'unknownFutureValue']),
});

export const AccessAssignmentStatusSchema = z.enum(['pending', 'active', 'deleting', 'deleted', 'error', 'unknownFutureValue']);
export type AccessAssignmentStatus = z.infer<typeof AccessAssignmentStatusSchema>;

export const CreateAccessAssignmentRequestSchema = z.object({
  accessContainer: AccessContainerSchema,
  accessDetails: AccessDetailsSchema,
});
export type CreateAccessAssignmentRequest = z.infer<typeof CreateAccessAssignmentRequestSchema>;

export const UpdateAccessAssignmentRequestSchema = z.object({ accessDetails: AccessDetailsSchema });

export const AccessAssignmentSchema = z.looseObject({
  '@odata.etag': z.string().optional(),
  id: z.string(),
  accessContainer: z.looseObject({ accessContainerId: z.string(), accessContainerType: z.string() }),
  accessDetails: z.looseObject({ unifiedRoles: z.array(z.looseObject({ roleDefinitionId: z.string() })) }),
  status: AccessAssignmentStatusSchema,
  createdDateTime: z.string(),
  lastModifiedDateTime: z.string(),
});
export type AccessAssignment = z.infer<typeof AccessAssignmentSchema>;
export const AccessAssignmentCollectionSchema = graphCollectionSchema(AccessAssignmentSchema);

/** An Entra role definition (Graph resource "unifiedRoleDefinition"), the catalogue GDAP templates pick from. */
export const UnifiedRoleDefinitionSchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  description: z.string().nullish(),
  isBuiltIn: z.boolean().nullish(),
  isEnabled: z.boolean().nullish(),
  templateId: z.string().nullish(),
});
export type UnifiedRoleDefinition = z.infer<typeof UnifiedRoleDefinitionSchema>;

/** Entra built-in role template ids (docs/PARTNER-CENTER-REFERENCE.md §12.4). */
export const EntraRole = {
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  directoryWriters: '9360feb5-f418-4baa-8175-e2a00bac4301',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  licenseAdministrator: '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  serviceSupportAdministrator: 'f023fd81-a637-4b56-95fd-791ac0226033',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  externalIdentityProviderAdministrator: 'be2f45a1-457d-42af-a067-6ec1fa63bc45',
  domainNameAdministrator: '8329153b-31d0-4727-b945-745eb3bc5f31',
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  teamsAdministrator: '69091246-20e8-4a56-aa4d-066075b2a7a8',
  sharePointAdministrator: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  billingAdministrator: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
} as const;

/**
 * The default GDAP relationship Microsoft creates with a customer made with `enableGDAPByDefault`
 * (docs/PARTNER-CENTER-REFERENCE.md §12.6, https://learn.microsoft.com/en-us/partner-center/customers/gdap-default-roles):
 * these roles, for 730 days, without auto-extend. The one definition: the emulator creates it, and
 * the wizard shows it before a new tenant is ordered.
 */
export const DEFAULT_GDAP_RELATIONSHIP = {
  roles: [
    { id: EntraRole.directoryReaders, name: 'Directory Readers' },
    { id: EntraRole.directoryWriters, name: 'Directory Writers' },
    { id: EntraRole.licenseAdministrator, name: 'License Administrator' },
    { id: EntraRole.serviceSupportAdministrator, name: 'Service Support Administrator' },
    { id: EntraRole.userAdministrator, name: 'User Administrator' },
    { id: EntraRole.privilegedRoleAdministrator, name: 'Privileged Role Administrator' },
    { id: EntraRole.helpdeskAdministrator, name: 'Helpdesk Administrator' },
    { id: EntraRole.privilegedAuthenticationAdministrator, name: 'Privileged Authentication Administrator' },
    { id: EntraRole.cloudApplicationAdministrator, name: 'Cloud Application Administrator' },
    { id: EntraRole.applicationAdministrator, name: 'Application Administrator' },
    { id: EntraRole.globalReader, name: 'Global Reader' },
  ],
  durationDays: 730,
  /** Microsoft's default relationship does not extend itself. */
  autoExtendDays: 0,
} as const;

/** Roles of the default GDAP relationship for direct-bill partners and indirect providers (docs/PARTNER-CENTER-REFERENCE.md §12.6). */
export const DEFAULT_GDAP_ROLES: readonly string[] = DEFAULT_GDAP_RELATIONSHIP.roles.map((r) => r.id);
