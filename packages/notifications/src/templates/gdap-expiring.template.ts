import { defineTemplate } from './template-definition';

/**
 * Sent to the reseller's and the distributor's staff 30, 7 and 1 days before a GDAP relationship
 * without auto-extend ends: after that day the partner loses delegated administration of the tenant.
 */
export const gdapExpiringTemplate = defineTemplate({
  id: 'gdap-expiring',
  description: 'Tells the reseller and the distributor that a GDAP relationship ends soon',
  fields: ['companyName', 'relationshipName', 'daysLeft', 'endDate', 'companyUrl'],
  secretFields: [],
  text: {
    en: {
      subject: 'Delegated administration of {{companyName}} ends in {{daysLeft}} day(s)',
      paragraphs: [
        'Hello,',
        'The GDAP relationship "{{relationshipName}}" with {{companyName}} ends on {{endDate}} and does not extend itself.',
        'After that date you can no longer manage the tenant for the customer. Renew it, or remove the Global Administrator role so that it can auto-extend: {{companyUrl}}',
      ],
    },
    es: {
      subject: 'La administración delegada de {{companyName}} termina en {{daysLeft}} día(s)',
      paragraphs: [
        'Hola:',
        'La relación GDAP "{{relationshipName}}" con {{companyName}} termina el {{endDate}} y no se prorroga sola.',
        'Después de esa fecha ya no podrá administrar el tenant del cliente. Renuévela, o quite el rol de administrador global para que pueda prorrogarse automáticamente: {{companyUrl}}',
      ],
    },
  },
});
