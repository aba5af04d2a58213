import type { settingsEn } from './settings.messages.en';

/** Texto en español de la página de configuración del mayorista. */
export const settingsEs: Record<keyof typeof settingsEn, string> = {
  'nav.settings': 'Configuración',
  'settings.title': 'Configuración del mayorista',
  'settings.intro': 'Cómo funciona CSP Hub para todo su canal. Los cambios se guardan al momento.',
  'settings.notAllowed': 'Solo los administradores del mayorista pueden ver y cambiar esta configuración.',
  'settings.saved': 'Guardado.',
  'settings.audited': 'Cada cambio queda en el registro de auditoría con los valores de antes y de después.',
  'settings.credentials.title': 'Credenciales de los tenants nuevos',
  'settings.credentials.label': 'Quién recibe el nombre de inicio de sesión y la contraseña temporal del administrador',
  'settings.credentials.help': 'Se envían una sola vez, en la notificación de bienvenida, y nunca se guardan en claro. Los clientes directos siempre reciben las suyas.',
  'settings.credentials.customer': 'El cliente',
  'settings.credentials.reseller': 'El revendedor del cliente',
  'settings.prerequisites.title': 'Requisitos para aprovisionar',
  'settings.gdap.title': 'Administración delegada (GDAP)',
  'settings.gdap.label': 'GDAP predeterminado para tenants nuevos',
  'settings.gdap.help': 'Con qué empieza el pedido de un tenant nuevo; quien hace el pedido puede cambiarlo.',
  'settings.gdap.microsoft-default-roles': 'Los roles GDAP predeterminados de Microsoft al crearlo',
  'settings.gdap.none': 'Ninguno (configurar GDAP más tarde)',
  'settings.notifications.title': 'Notificaciones',
  'settings.notifications.notifyMe': 'Avisar a quien hace el pedido cuando termine',
  'settings.notifications.notifyMeHelp': 'Si «Avisarme» empieza marcado en los pedidos nuevos.',
  'settings.notifications.subscriptions': 'Enviar avisos de suscripciones',
  'settings.notifications.subscriptionsHelp': 'Avisar a clientes y revendedores cuando se cierra el plazo de 7 días para cambiar una suscripción y cuando un periodo está por terminar.',
  'settings.notifications.resellersEdit': 'Los revendedores pueden cambiar el texto de las notificaciones',
  'settings.notifications.resellersEditHelp': 'Sus administradores editan los correos sobre sus propios clientes (página Notificaciones); si no, usan los suyos.',
};
