import { defineTemplate } from './template-definition';

/**
 * The "customer authorization request" sent to an existing tenant's Global Admin:
 * a fixed body around the reseller relationship link; only the names and the link vary.
 */
export const customerAuthorizationRequestTemplate = defineTemplate({
  id: 'customer-authorization-request',
  description: 'Ask a customer Global Admin to accept the reseller relationship',
  fields: ['customerName', 'partnerName', 'invitationUrl'],
  secretFields: [],
  // The wording of the request Microsoft's customers see is fixed: only the names and the link vary.
  locked: true,
  text: {
    en: {
      subject: '{{partnerName}} asks to become the Microsoft Cloud Solution Provider of {{customerName}}',
      paragraphs: [
        'Dear Global Administrator of {{customerName}},',
        '{{partnerName}} would like to become your Microsoft Cloud Solution Provider, so that it can sell and manage Microsoft cloud services for your organisation.',
        'To accept, sign in as a Global Administrator and open this link: {{invitationUrl}}',
        'Accepting does not give {{partnerName}} administrative access to your tenant. If you did not expect this request, ignore this message.',
      ],
    },
    es: {
      subject: '{{partnerName}} solicita ser el Cloud Solution Provider de Microsoft de {{customerName}}',
      paragraphs: [
        'Estimado administrador global de {{customerName}}:',
        '{{partnerName}} desea ser su Cloud Solution Provider de Microsoft para vender y gestionar servicios en la nube de Microsoft para su organización.',
        'Para aceptar, inicie sesión como administrador global y abra este enlace: {{invitationUrl}}',
        'Aceptar no da a {{partnerName}} acceso administrativo a su tenant. Si no esperaba esta solicitud, ignore este mensaje.',
      ],
    },
  },
});
