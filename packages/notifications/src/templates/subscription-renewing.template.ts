import { defineTemplate } from './template-definition';

/** A subscription renews soon: with how many seats, and until when that can still change. */
export const subscriptionRenewingTemplate = defineTemplate({
  id: 'subscription-renewing',
  description: 'A subscription renews soon',
  fields: ['recipientName', 'companyName', 'productName', 'renewsAt', 'daysLeft', 'quantity', 'subscriptionsUrl'],
  secretFields: [],
  text: {
    en: {
      subject: '{{productName}} for {{companyName}} renews in {{daysLeft}} days',
      paragraphs: [
        'Hello {{recipientName}},',
        '{{productName}} for {{companyName}} renews on {{renewsAt}} with {{quantity}} seats, for a new term.',
        'To renew with other seats, term or billing, or not to renew, change it before then: {{subscriptionsUrl}}',
      ],
    },
    es: {
      subject: '{{productName}} de {{companyName}} se renueva en {{daysLeft}} días',
      paragraphs: [
        'Hola {{recipientName}}:',
        '{{productName}} de {{companyName}} se renueva el {{renewsAt}} con {{quantity}} puestos, por un nuevo periodo.',
        'Para renovarla con otros puestos, periodo o facturación, o para no renovarla, cámbielo antes: {{subscriptionsUrl}}',
      ],
    },
  },
});
