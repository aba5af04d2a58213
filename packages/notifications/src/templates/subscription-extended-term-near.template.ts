import { defineTemplate } from './template-definition';

/**
 * A subscription with auto-renew off ends soon and will then run on in Microsoft's paid Extended
 * Service Term: the decision to make (renew, cancel at term end, or accept the monthly extension).
 */
export const subscriptionExtendedTermNearTemplate = defineTemplate({
  id: 'subscription-extended-term-near',
  description: 'A subscription without auto-renew ends soon and will roll into the paid Extended Service Term',
  fields: ['recipientName', 'companyName', 'productName', 'endsAt', 'daysLeft', 'subscriptionsUrl'],
  secretFields: [],
  text: {
    en: {
      subject: '{{productName}} for {{companyName}} ends its term in {{daysLeft}} days: decide what follows',
      paragraphs: [
        'Hello {{recipientName}},',
        'The term of {{productName}} for {{companyName}} ends on {{endsAt}} and auto-renew is off. Microsoft will then keep it running in the Extended Service Term, billed every month at the monthly price plus 3 % (23 % when the product has no monthly term), until it is cancelled.',
        'Decide before that date: renew it (turn auto-renew on, with changes at renewal if needed), or have it cancelled at the end of the term. {{subscriptionsUrl}}',
      ],
    },
    es: {
      subject: 'El periodo de {{productName}} de {{companyName}} termina en {{daysLeft}} días: decida qué sigue',
      paragraphs: [
        'Hola {{recipientName}}:',
        'El periodo de {{productName}} de {{companyName}} termina el {{endsAt}} y la renovación automática está desactivada. Microsoft la mantendrá entonces en el periodo de servicio extendido, facturada cada mes al precio mensual más un 3 % (un 23 % si el producto no tiene periodo mensual), hasta que se cancele.',
        'Decida antes de esa fecha: renovarla (active la renovación automática, con cambios en la renovación si hace falta) o cancelarla al final del periodo. {{subscriptionsUrl}}',
      ],
    },
  },
});
