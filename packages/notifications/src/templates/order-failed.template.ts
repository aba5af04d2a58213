import { defineTemplate } from './template-definition';

/** Microsoft refused or failed an order placed through CSP Hub. */
export const orderFailedTemplate = defineTemplate({
  id: 'order-failed',
  description: 'An order failed, with Microsoft’s reason',
  fields: ['recipientName', 'companyName', 'orderReference', 'products', 'reason', 'orderUrl'],
  secretFields: [],
  text: {
    en: {
      subject: 'Order {{orderReference}} for {{companyName}} failed',
      paragraphs: ['Hello {{recipientName}},', 'Order {{orderReference}} for {{companyName}} ({{products}}) was not fulfilled: {{reason}}', 'Nothing was charged for the failed lines. Review the order: {{orderUrl}}'],
    },
    es: {
      subject: 'El pedido {{orderReference}} de {{companyName}} falló',
      paragraphs: ['Hola {{recipientName}}:', 'El pedido {{orderReference}} de {{companyName}} ({{products}}) no se completó: {{reason}}', 'No se cobra nada por las líneas fallidas. Revise el pedido: {{orderUrl}}'],
    },
  },
});
