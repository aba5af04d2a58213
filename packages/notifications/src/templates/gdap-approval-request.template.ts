import { defineTemplate } from './template-definition';

/**
 * Sent to the customer's administrator when an existing-tenant order requested delegated
 * administration (GDAP): the approval link only their Global Admin can open, what it grants, and
 * what stays unavailable until it is approved.
 */
export const gdapApprovalRequestTemplate = defineTemplate({
  id: 'gdap-approval-request',
  description: 'Asks the customer\'s Global Admin to approve the GDAP relationship requested at onboarding',
  fields: ['companyName', 'partnerName', 'approvalUrl', 'roles', 'durationDays'],
  secretFields: [],
  text: {
    en: {
      subject: 'Please approve delegated administration for {{companyName}}',
      paragraphs: [
        'Hello,',
        '{{partnerName}} asks for delegated administration (GDAP) of the Microsoft tenant of {{companyName}}, for {{durationDays}} days, with these roles: {{roles}}.',
        'A Global Administrator of the tenant must sign in and approve it at this link: {{approvalUrl}}',
        'Until it is approved, {{partnerName}} cannot see the tenant\'s licenses or manage its subscriptions for you.',
      ],
    },
    es: {
      subject: 'Apruebe la administración delegada para {{companyName}}',
      paragraphs: [
        'Hola:',
        '{{partnerName}} solicita la administración delegada (GDAP) del tenant de Microsoft de {{companyName}}, durante {{durationDays}} días, con estos roles: {{roles}}.',
        'Un administrador global del tenant debe iniciar sesión y aprobarla en este enlace: {{approvalUrl}}',
        'Hasta que se apruebe, {{partnerName}} no puede ver las licencias del tenant ni gestionar sus suscripciones por usted.',
      ],
    },
  },
});
