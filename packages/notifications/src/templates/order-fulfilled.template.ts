import { defineTemplate } from './template-definition';

/** An order placed through CSP Hub was fulfilled by Microsoft. */
export const orderFulfilledTemplate = defineTemplate({
  id: 'order-fulfilled',
  description: 'Microsoft fulfilled an order; its subscriptions are active',
  fields: ['recipientName', 'companyName', 'orderReference', 'products', 'orderUrl'],
  secretFields: [],
  text: {
    en: {
      subject: 'Order {{orderReference}} for {{companyName}} is fulfilled',
      paragraphs: ['Hello {{recipientName}},', 'Microsoft fulfilled order {{orderReference}} for {{companyName}}: {{products}}.', 'Seats can be reduced or the subscription cancelled only within 7 days (168 hours). See the order: {{orderUrl}}'],
    },
    es: {
      subject: 'El pedido {{orderReference}} de {{companyName}} está completado',
      paragraphs: ['Hola {{recipientName}}:', 'Microsoft completó el pedido {{orderReference}} de {{companyName}}: {{products}}.', 'Solo se pueden reducir licencias o cancelar la suscripción dentro de los 7 días (168 horas). Vea el pedido: {{orderUrl}}'],
    },
  },
});
