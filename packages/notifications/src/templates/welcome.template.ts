import { defineTemplate } from './template-definition';

/**
 * The welcome message with the new tenant's admin sign-in name and one-time password,
 * shown once. Goes to the customer or to the reseller, as the distributor chooses.
 */
export const welcomeTemplate = defineTemplate({
  id: 'welcome',
  description: 'New Microsoft tenant: admin sign-in name and one-time password',
  fields: ['recipientName', 'companyName', 'domain', 'adminSignInName', 'temporaryPassword', 'signInUrl'],
  secretFields: ['temporaryPassword'],
  keep: ['adminSignInName'],
  text: {
    en: {
      subject: 'Your Microsoft tenant {{domain}} is ready',
      paragraphs: [
        'Hello {{recipientName}},',
        'The Microsoft tenant for {{companyName}} has been created: {{domain}}.',
        'Administrator sign-in name: {{adminSignInName}}\nOne-time password: {{temporaryPassword}}',
        'Sign in at {{signInUrl}} and choose a new password. Keep these details safe: this message is the only copy of the password.',
      ],
    },
    es: {
      subject: 'Su tenant de Microsoft {{domain}} está listo',
      paragraphs: [
        'Hola {{recipientName}}:',
        'Se ha creado el tenant de Microsoft de {{companyName}}: {{domain}}.',
        'Nombre de inicio de sesión del administrador: {{adminSignInName}}\nContraseña de un solo uso: {{temporaryPassword}}',
        'Inicie sesión en {{signInUrl}} y elija una contraseña nueva. Guarde estos datos con cuidado: este mensaje es la única copia de la contraseña.',
      ],
    },
  },
});
