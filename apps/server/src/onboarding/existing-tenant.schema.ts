import { z } from '@hono/zod-openapi';
import { McaSignatorySchema } from './mca-signatory.schema';

/** Shapes of the existing-tenant routes; OpenAPI is derived from these. */

export const AuthorizationSchema = z
  .object({
    id: z.string(),
    companyId: z.number().int(),
    companyName: z.string(),
    connectionId: z.string(),
    resellerPartnerId: z.string().nullable(),
    invitationUrl: z.string(),
    domain: z.string().nullable(),
    state: z.enum(['pending', 'accepted', 'cancelled']),
    requestedBy: z.string(),
    sentTo: z.array(z.string()),
    sentCc: z.array(z.string()),
    sentAt: z.string().nullable(),
    sendCount: z.number().int(),
    tenantId: z.string().nullable(),
    defaultDomain: z.string().nullable(),
    detectedBy: z.enum(['verify', 'webhook', 'background-check']).nullable(),
    lastCheckResult: z.string().nullable(),
    lastCheckedAt: z.string().nullable(),
    createdAt: z.string(),
    acceptedAt: z.string().nullable(),
  })
  .openapi('TenantAuthorization');

export const OpenAuthorizationBodySchema = z
  .object({
    connectionId: z.string().uuid(),
    resellerPartnerId: z.string().max(20).nullable().optional(),
    domain: z.string().max(253).nullable().optional().openapi({ description: "The customer's default domain, when known" }),
  })
  .openapi('OpenAuthorizationRequest');

export const OpenAuthorizationSchema = z
  .object({
    authorization: AuthorizationSchema,
    direct: z.boolean().openapi({ description: 'The direct form of the link (no reseller)' }),
    resellerName: z.string().nullable(),
    invitation: z.object({ language: z.enum(['en', 'es']), text: z.string() }),
  })
  .openapi('OpenAuthorization');

const emails = z.array(z.string().trim().email()).max(10);

export const SendRequestBodySchema = z
  .object({ connectionId: z.string().uuid(), to: emails.min(1, 'At least one recipient (TO) is required'), cc: emails.default([]) })
  .openapi('SendAuthorizationRequest', { description: 'The body is fixed (template); only the recipients are chosen' });

export const VerifyBodySchema = z
  .object({
    connectionId: z.string().uuid(),
    domain: z.string().trim().min(1).max(253),
    confirmRelink: z.boolean().default(false).openapi({ description: 'Confirm linking a tenant already linked to another account' }),
  })
  .openapi('VerifyAuthorizationRequest');

export const VerifySchema = z
  .object({
    status: z.enum(['verified', 'invalid-domain', 'domain-unknown', 'not-accepted', 'other-partner']),
    message: z.string(),
    tenantId: z.string().optional(),
    defaultDomain: z.string().optional(),
    companyName: z.string().optional(),
    alreadyLinkedTo: z.array(z.object({ companyId: z.number().int(), companyName: z.string() })).optional(),
    recorded: z.boolean().optional(),
    mcaOnRecord: z.boolean().optional(),
  })
  .openapi('VerifyAuthorizationResult');

const notFuture = (s: string) => !Number.isNaN(Date.parse(s)) && Date.parse(s) <= Date.now() + 60_000;

export const AttestationSchema = z
  .object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: z.string().trim().email(),
    phone: z.string().trim().max(40).optional(),
    acceptedAt: z.string().refine(notFuture, { message: 'The date of acceptance must be a date, not in the future' }),
  })
  .openapi('McaAttestation');

export const CheckoutBodySchema = z
  .object({
    connectionId: z.string().uuid(),
    attestation: AttestationSchema.nullable().default(null).openapi({ description: 'Legacy: the signer and date the partner records. Microsoft retires it; send `signatory` instead' }),
    signatory: McaSignatorySchema.nullable().default(null).openapi({ description: "When the customer has no acceptance of the current MCA: the signatory who gets Microsoft's acceptance link by e-mail" }),
    requestGdap: z.boolean().default(false),
    gdapTemplateId: z.number().int().positive().optional().openapi({ description: "With requestGdap: the GDAP template requested (one of the connection's); absent: the connection's default template" }),
    notifyMe: z.boolean().default(true),
  })
  .openapi('ExistingTenantCheckout');

export const AuthorizationIdParamSchema = z.object({ authorizationId: z.string().uuid().openapi({ param: { name: 'authorizationId', in: 'path' } }) });

export const LinkVisibleBodySchema = z
  .object({
    connectionId: z.string().uuid(),
    domain: z.string().trim().min(1).max(253).openapi({ description: "The tenant's domain (onmicrosoft.com prefix, onmicrosoft.com domain or custom domain) the domain check reported as visible" }),
    resellerPartnerId: z.string().max(20).nullable().optional(),
    confirmRelink: z.boolean().default(false),
  })
  .openapi('LinkVisibleTenantRequest');

export const LinkVisibleSchema = z
  .object({ authorization: OpenAuthorizationSchema, verify: VerifySchema })
  .openapi('LinkVisibleTenantResult');
