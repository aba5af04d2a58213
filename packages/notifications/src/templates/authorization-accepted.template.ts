import { defineTemplate } from './template-definition';

/**
 * Sent to the person who requested an existing tenant's authorization when the acceptance
 * is detected without them (Partner Center's webhook or the background check): checkout can go on.
 */
export const authorizationAcceptedTemplate = defineTemplate({
  id: 'authorization-accepted',
  description: "A customer's Global Admin accepted the reseller relationship",
  fields: ['recipientName', 'companyName', 'domain', 'tenantId', 'accountUrl'],
  secretFields: [],
  text: {
    en: {
      subject: '{{companyName}} accepted the relationship: you can finish the order',
      paragraphs: [
        'Hello {{recipientName}},',
        'The Global Admin of {{companyName}} accepted the relationship for the Microsoft tenant {{domain}} (tenant id {{tenantId}}). The authorization is verified and checkout is enabled.',
        'Finish the order: {{accountUrl}}',
      ],
    },
    es: {
      subject: '{{companyName}} aceptó la relación: ya puede finalizar el pedido',
      paragraphs: [
        'Hola {{recipientName}}:',
        'El administrador global de {{companyName}} aceptó la relación para el tenant de Microsoft {{domain}} (id de tenant {{tenantId}}). La autorización está verificada y el pago está habilitado.',
        'Finalice el pedido: {{accountUrl}}',
      ],
    },
  },
});
