import { defineTemplate } from './template-definition';

/** A webhook subscription was turned off after its deliveries kept failing (docs/WEBHOOKS.md). */
export const webhookDisabledTemplate = defineTemplate({
  id: 'webhook-disabled',
  description: 'A webhook subscription was disabled after repeated delivery failures',
  fields: ['recipientName', 'companyName', 'url', 'lastError', 'settingsUrl'],
  secretFields: [],
  text: {
    en: {
      subject: 'Webhook to {{url}} disabled after repeated failures',
      paragraphs: [
        'Hello {{recipientName}},',
        'CSP Hub stopped sending events of {{companyName}} to {{url}}: its deliveries kept failing for more than three days (last answer: {{lastError}}).',
        'Events are kept. Fix the receiver, turn the subscription back on and redeliver what it missed: {{settingsUrl}}',
      ],
    },
    es: {
      subject: 'Webhook a {{url}} desactivado tras fallos repetidos',
      paragraphs: [
        'Hola {{recipientName}}:',
        'CSP Hub dejó de enviar los eventos de {{companyName}} a {{url}}: sus entregas fallaron durante más de tres días (última respuesta: {{lastError}}).',
        'Los eventos se conservan. Corrija el receptor, vuelva a activar la suscripción y reenvíe lo que no recibió: {{settingsUrl}}',
      ],
    },
  },
});
