import { defineTemplate } from './template-definition';
import { stageNames } from './stage-names';

/** A run stopped (before anything was created) or needs attention (after the tenant exists). */
export const provisioningFailedTemplate = defineTemplate({
  id: 'provisioning-failed',
  description: 'The new-tenant run stopped and needs a person',
  fields: ['recipientName', 'companyName', 'failedStep', 'reason', 'accountUrl'],
  secretFields: [],
  fieldTexts: { failedStep: stageNames },
  text: {
    en: {
      subject: 'Provisioning for {{companyName}} needs your attention',
      paragraphs: [
        'Hello {{recipientName}},',
        'Provisioning for {{companyName}} stopped at "{{failedStep}}": {{reason}}',
        'Fix the problem and retry from the company page: {{accountUrl}}',
      ],
    },
    es: {
      subject: 'El aprovisionamiento de {{companyName}} requiere su atención',
      paragraphs: [
        'Hola {{recipientName}}:',
        'El aprovisionamiento de {{companyName}} se detuvo en "{{failedStep}}": {{reason}}',
        'Corrija el problema y vuelva a intentarlo desde la página de la empresa: {{accountUrl}}',
      ],
    },
  },
});
