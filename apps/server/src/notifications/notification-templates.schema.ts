import { z } from '@hono/zod-openapi';
import { TEMPLATE_LANGUAGES, templates } from '@csphub/notifications';
import { EDIT_LIMITS } from '@csphub/notifications';

export const TemplateIdSchema = z.enum(Object.keys(templates) as [string, ...string[]]).openapi('NotificationTemplateId');
export const TemplateLanguageSchema = z.enum(TEMPLATE_LANGUAGES).openapi('NotificationLanguage');

export const TemplateParams = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 100001 }),
  templateId: TemplateIdSchema.openapi({ param: { name: 'templateId', in: 'path' }, example: 'welcome' }),
  language: TemplateLanguageSchema.openapi({ param: { name: 'language', in: 'path' }, example: 'es' }),
});

export const TemplateTextSchema = z
  .object({
    subject: z.string().max(EDIT_LIMITS.subject).openapi({ example: 'Su tenant de Microsoft {{domain}} está listo' }),
    paragraphs: z
      .array(z.string().max(EDIT_LIMITS.paragraph))
      .min(1)
      .max(EDIT_LIMITS.paragraphs)
      .openapi({ description: 'Each paragraph is a block of plain text (no HTML); `{{field}}` inserts a merge field, its value escaped in the HTML version' }),
  })
  .strict()
  .openapi('NotificationTemplateText');

const WordingSchema = z
  .object({
    language: TemplateLanguageSchema,
    subject: z.string(),
    paragraphs: z.array(z.string()),
    /** Whose wording this is. */
    source: z.enum(['default', 'own', 'inherited']).openapi({ description: "default: the built-in text; own: this company's; inherited: a company above it (its distributor or reseller)" }),
    inheritedFrom: z.number().int().nullable(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('NotificationTemplateWording');

export const NotificationTemplateSchema = z
  .object({
    id: TemplateIdSchema,
    description: z.string(),
    fields: z.array(z.string()).openapi({ description: 'The merge fields the wording may use, as {{field}}' }),
    requiredFields: z.array(z.string()).openapi({ description: 'The merge fields an edited wording must keep (secrets and links)' }),
    secretFields: z.array(z.string()),
    locked: z.boolean().openapi({ description: 'Fixed wording (the authorization request): it cannot be changed' }),
    wordings: z.array(WordingSchema),
  })
  .openapi('NotificationTemplate');

export const NotificationTemplateListSchema = z
  .object({ items: z.array(NotificationTemplateSchema), canEdit: z.boolean().openapi({ description: 'The caller may change this company’s wording' }) })
  .openapi('NotificationTemplateList');

export const TemplatePreviewSchema = z
  .object({ subject: z.string(), text: z.string(), html: z.string(), fields: z.record(z.string(), z.string()).openapi({ description: 'The sample values used' }) })
  .openapi('NotificationTemplatePreview');

export const TestSendResultSchema = z.object({ to: z.array(z.string()), messageId: z.string() }).openapi('NotificationTestSend');

export type NotificationTemplateView = z.infer<typeof NotificationTemplateSchema>;
export type NotificationTemplateWording = z.infer<typeof WordingSchema>;
