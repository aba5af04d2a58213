import { defineTemplate } from './template-definition';

/**
 * Asks the customer's signatory to read and accept the Microsoft Customer Agreement in Microsoft's
 * component (docs/PARTNER-CENTER-REFERENCE.md §5.5). Sent when a run creates the attestation.
 */
export const mcaAcceptanceRequestTemplate = defineTemplate({
  id: 'mca-acceptance-request',
  description: "Asks the customer's signatory to accept the Microsoft Customer Agreement",
  fields: ['signatoryName', 'companyName', 'partnerName', 'acceptanceUrl'],
  secretFields: [],
  text: {
    en: {
      subject: 'Please accept the Microsoft Customer Agreement for {{companyName}}',
      paragraphs: [
        'Hello {{signatoryName}},',
        '{{partnerName}} is setting up Microsoft cloud services for {{companyName}}. Microsoft requires someone authorized to sign for {{companyName}} to read and accept the Microsoft Customer Agreement before anything can be ordered.',
        'Open this link to read the agreement and accept it (or decline it): {{acceptanceUrl}}',
        'Once you accept, your order continues on its own. If you are not the right person to sign, reply to this message so {{partnerName}} can ask someone else.',
      ],
    },
    es: {
      subject: 'Acepte el Contrato de cliente de Microsoft para {{companyName}}',
      paragraphs: [
        'Hola {{signatoryName}}:',
        '{{partnerName}} está configurando servicios en la nube de Microsoft para {{companyName}}. Microsoft exige que una persona autorizada para firmar en nombre de {{companyName}} lea y acepte el Contrato de cliente de Microsoft antes de poder pedir nada.',
        'Abra este enlace para leer el contrato y aceptarlo (o rechazarlo): {{acceptanceUrl}}',
        'En cuanto lo acepte, su pedido continuará solo. Si usted no es la persona indicada para firmar, responda a este mensaje para que {{partnerName}} se lo pida a otra persona.',
      ],
    },
  },
});
