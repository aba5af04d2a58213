import type { wizardChecksEn } from './wizard-checks.messages.en';

/** Texto en español de las comprobaciones de cada paso del asistente y los motivos de la revisión del pedido. */
export const wizardChecksEs: Record<keyof typeof wizardChecksEn, string> = {
  'ns.problem.title': 'Antes de continuar, corrija esto:',
  'ns.problem.goTo': 'Ir al campo',
  'ns.problem.service.required': 'Elija un servicio.',
  'ns.problem.terms.required': 'Confirme que el cliente ha aceptado el Contrato de cliente de Microsoft.',
  'ns.problem.connection.required': 'Elija una conexión de Partner Center.',
  'ns.problem.prefix.required': 'Escriba el prefijo de dominio del nuevo inquilino.',
  'ns.problem.prefix.checking': 'Todavía se está comprobando el prefijo de dominio.',
  'ns.problem.prefix.invalid': 'El prefijo de dominio no es válido.',
  'ns.problem.prefix.taken': 'El dominio está ocupado: elija otro prefijo, o siga el camino de autorización si es el inquilino de este cliente.',
  'ns.problem.adminUsername.invalid': 'El nombre del administrador solo puede llevar letras, números, puntos, guiones o guiones bajos.',
  'ns.problem.adminUsername.needsGdap': 'Este administrador necesita los roles GDAP predeterminados: active GDAP, o mantenga «admin» con cambio de contraseña.',
  'ns.problem.partnerId.refused': 'El Partner ID del revendedor no se aceptó; corríjalo o déjelo vacío.',
  'ns.problem.partnerId.unchecked': 'El Partner ID del revendedor aún no se ha comprobado; salga del campo para comprobarlo.',
  'ns.problem.authorization.pending': 'El cliente aún no ha aceptado la invitación, o no se ha verificado.',
  'ns.problem.mca.firstName.required': 'Falta el nombre del firmante.',
  'ns.problem.mca.lastName.required': 'Faltan los apellidos del firmante.',
  'ns.problem.mca.email.required': 'Falta el correo del firmante.',
  'ns.problem.mca.email.invalid': 'El correo del firmante no es una dirección válida.',
  'ns.problem.mca.acceptedAt.required': 'Falta la fecha de aceptación.',
  'ns.problem.mca.acceptedAt.invalid': 'La fecha de aceptación no es una fecha válida.',
  'ns.problem.mca.acceptedAt.future': 'La fecha de aceptación está en el futuro: use el día en que el cliente aceptó.',
  'ns.config.gdapAboutNoExtend': 'Sobre estos roles: Microsoft crea la relación con estos {count} roles durante {days} días; no se amplía sola, así que renuévela antes de que termine. Roles: {roles}.',
  'ns.review.notGiven': 'Sin indicar',
  'ns.review.adminPending': '{user}@… (elija un prefijo de dominio)',
};
