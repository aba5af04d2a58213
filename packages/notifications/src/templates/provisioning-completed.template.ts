import { defineTemplate } from './template-definition';

/** "Notify me when provisioning completes": sent to the person who ran the order. */
export const provisioningCompletedTemplate = defineTemplate({
  id: 'provisioning-completed',
  description: 'The new-tenant run finished and the account is synced',
  fields: ['recipientName', 'companyName', 'domain', 'tenantId', 'accountUrl'],
  secretFields: [],
  text: {
    en: {
      subject: 'Provisioning completed for {{companyName}}',
      paragraphs: [
        'Hello {{recipientName}},',
        'The Microsoft tenant {{domain}} (tenant id {{tenantId}}) is provisioned and linked to {{companyName}}.',
        'Details: {{accountUrl}}',
      ],
    },
    es: {
      subject: 'Aprovisionamiento completado para {{companyName}}',
      paragraphs: [
        'Hola {{recipientName}}:',
        'El tenant de Microsoft {{domain}} (id de tenant {{tenantId}}) está aprovisionado y vinculado a {{companyName}}.',
        'Detalles: {{accountUrl}}',
      ],
    },
  },
});
