import { defineTemplate } from './template-definition';

/** A subscription's term ends soon (also for licenses held through another partner). */
export const subscriptionExpiryNearTemplate = defineTemplate({
  id: 'subscription-expiry-near',
  description: 'A subscription expires soon',
  fields: ['recipientName', 'companyName', 'productName', 'expiresAt', 'daysLeft', 'subscriptionsUrl'],
  secretFields: [],
  text: {
    en: {
      subject: '{{productName}} for {{companyName}} expires in {{daysLeft}} days',
      paragraphs: ['Hello {{recipientName}},', '{{productName}} for {{companyName}} expires on {{expiresAt}}.', 'Renew it or order its replacement before then, so users keep their licenses: {{subscriptionsUrl}}'],
    },
    es: {
      subject: '{{productName}} de {{companyName}} vence en {{daysLeft}} días',
      paragraphs: ['Hola {{recipientName}}:', '{{productName}} de {{companyName}} vence el {{expiresAt}}.', 'Renuévela o pida su reemplazo antes, para que los usuarios conserven sus licencias: {{subscriptionsUrl}}'],
    },
  },
});
