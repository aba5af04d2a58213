import type { NewTenantStageId } from '@csphub/domain';
import { defineTemplate } from './template-definition';

/** The failed stage's name in each language; a stage of NEW_TENANT_STAGES without one is a type error. */
const stageNames: Record<'en' | 'es', Record<NewTenantStageId, string>> = {
  en: {
    'validate-prerequisites': 'Check the account is ready',
    'validate-address': 'Validate the billing address',
    'check-domain': 'Check the domain is free',
    'resolve-reseller': 'Find the indirect reseller',
    'create-customer': 'Create the customer tenant',
    'set-up-admin': 'Set up the tenant administrator',
    'confirm-mca': 'Check the Microsoft Customer Agreement',
    'request-mca-acceptance': 'Send the Microsoft Customer Agreement to the signatory',
    'default-gdap': 'Default GDAP roles',
    'request-gdap': 'Request delegated administration (GDAP)',
    'store-tenant-link': 'Link the account to the tenant',
    'deliver-credentials': 'Deliver the admin credentials',
    'await-mca-acceptance': 'Wait for the customer to accept the agreement',
    'create-mca-agreement': 'Record the Microsoft Customer Agreement',
    'notify': 'Notify',
  },
  es: {
    'validate-prerequisites': 'Comprobar que la cuenta está lista',
    'validate-address': 'Validar la dirección de facturación',
    'check-domain': 'Comprobar que el dominio está libre',
    'resolve-reseller': 'Buscar el revendedor indirecto',
    'create-customer': 'Crear el tenant del cliente',
    'set-up-admin': 'Configurar el administrador del tenant',
    'confirm-mca': 'Comprobar el Contrato de Cliente de Microsoft',
    'request-mca-acceptance': 'Enviar el Contrato de Cliente de Microsoft al firmante',
    'default-gdap': 'Roles GDAP predeterminados',
    'request-gdap': 'Solicitar administración delegada (GDAP)',
    'store-tenant-link': 'Vincular la cuenta al tenant',
    'deliver-credentials': 'Entregar las credenciales del administrador',
    'await-mca-acceptance': 'Esperar a que el cliente acepte el contrato',
    'create-mca-agreement': 'Registrar el Contrato de Cliente de Microsoft',
    'notify': 'Notificar',
  },
};

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
