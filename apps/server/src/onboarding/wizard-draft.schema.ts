import { z } from '@hono/zod-openapi';

const text = (max: number, description: string) => z.string().max(max).openapi({ description });

/** What the wizard keeps of a draft: the fields as typed, never a check result or a secret. */
export const WizardDraftStateSchema = z
  .object({
    serviceId: z.enum(['microsoft-tenant']).nullable().openapi({ description: 'The service chosen, or none yet.' }),
    termsAccepted: z.boolean().openapi({ description: 'Whether the Microsoft Customer Agreement was confirmed.' }),
    connectionId: z.string().uuid().nullable().openapi({ description: 'The Partner Center connection chosen.' }),
    existing: z.boolean().openapi({ description: 'The existing-tenant path.' }),
    domainPrefix: text(64, 'The onmicrosoft.com prefix as typed.'),
    culture: text(16, 'The new tenant\'s culture.'),
    adminUsername: text(64, 'The administrator user name as typed.'),
    requirePasswordChange: z.boolean().openapi({ description: 'Require a password change at first sign-in.' }),
    gdap: z.boolean().openapi({ description: 'Default GDAP (new tenant) or a GDAP request (existing tenant).' }),
    gdapTemplateId: z.number().int().positive().nullable().optional().openapi({ description: "The GDAP template chosen (one of the connection's); null or absent: the connection's default." }),
    partnerId: text(10, 'The reseller Partner ID as typed.'),
    attestation: z.record(z.string().max(40), z.string().max(320)).refine((r) => Object.keys(r).length <= 20, 'At most 20 fields').openapi({ description: 'The MCA attestation fields as typed.' }),
    notifyMe: z.boolean().openapi({ description: 'Notify me when provisioning completes.' }),
    customerDomain: text(253, 'The customer\'s default domain typed for Verify.'),
  })
  .openapi('WizardDraftState');

export const WizardDraftBodySchema = z
  .object({
    state: WizardDraftStateSchema,
    step: z.number().int().min(0).max(3).openapi({ description: 'The step the person was on (0 service to 3 review).' }),
  })
  .openapi('WizardDraftBody');

export const WizardDraftSchema = WizardDraftBodySchema.extend({ updatedAt: z.string().openapi({ description: 'When it was last saved (ISO 8601).' }) }).openapi('WizardDraft');

/** `GET /companies/{id}/onboarding/draft`: the saved draft, or null. */
export const SavedWizardDraftSchema = z.object({ draft: WizardDraftSchema.nullable() });

