import { defineTemplate } from './template-definition';

/** The 168-hour reduce/cancel window of a subscription closes within 24 hours. */
export const subscriptionWindowClosingTemplate = defineTemplate({
  id: 'subscription-window-closing',
  description: 'Last day to reduce seats or cancel a new-commerce subscription',
  fields: ['recipientName', 'companyName', 'productName', 'quantity', 'windowEndsAt', 'subscriptionsUrl'],
  secretFields: [],
  text: {
    en: {
      subject: 'Last day to change {{productName}} for {{companyName}}',
      paragraphs: ['Hello {{recipientName}},', 'The 7-day window to reduce the {{quantity}} seats of {{productName}} for {{companyName}}, or cancel it, closes at {{windowEndsAt}}.', 'After that the seats are committed until the term ends: {{subscriptionsUrl}}'],
    },
    es: {
      subject: 'Último día para cambiar {{productName}} de {{companyName}}',
      paragraphs: ['Hola {{recipientName}}:', 'El plazo de 7 días para reducir las {{quantity}} licencias de {{productName}} de {{companyName}}, o cancelarla, termina el {{windowEndsAt}}.', 'Después, las licencias quedan comprometidas hasta el fin del plazo: {{subscriptionsUrl}}'],
    },
  },
});
