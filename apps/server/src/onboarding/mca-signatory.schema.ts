import { z } from '@hono/zod-openapi';

/**
 * The customer's signatory for Microsoft's enhanced MCA attestation (docs/PARTNER-CENTER-REFERENCE.md
 * §5.5): the person who will read and accept the Microsoft Customer Agreement in Microsoft's
 * component, from the link CSP Hub e-mails them. Company, country and language default to the
 * account's.
 */
export const McaSignatorySchema = z
  .object({
    firstName: z.string().trim().min(1).max(100).openapi({ description: "The signatory's first name" }),
    lastName: z.string().trim().min(1).max(100).openapi({ description: "The signatory's last name" }),
    email: z.string().trim().email().max(320).openapi({ description: 'Where the acceptance link is sent' }),
    phone: z.string().trim().max(40).optional().openapi({ description: "The signatory's phone number (optional)" }),
    companyName: z.string().trim().min(1).max(256).optional().openapi({ description: "The customer's legal name as the agreement shows it; default the account's name" }),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code')
      .optional()
      .openapi({ description: "ISO 3166-1 alpha-2; default the account's billing country" }),
    language: z.enum(['en', 'es']).optional().openapi({ description: "The language of the agreement and the e-mail; default the account's" }),
  })
  .openapi('McaSignatory', { description: "The customer's signatory who accepts the Microsoft Customer Agreement" });
export type McaSignatory = z.infer<typeof McaSignatorySchema>;
