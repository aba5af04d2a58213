import type { authEn } from './auth.messages.en';

/** Spanish text for signing in and changing one's own password; the type makes a missing key a compile error. */
export const authEs: Record<keyof typeof authEn, string> = {
  'wait.seconds': '{n, plural, one {# segundo} other {# segundos}}',
  'wait.minutes': '{n, plural, one {# minuto} other {# minutos}}',
  'password.menu': 'Cambiar contraseña',
  'password.title': 'Cambiar su contraseña',
  'password.forcedTitle': 'Elija su propia contraseña',
  'password.forcedBody':
    'Un administrador le asignó la contraseña. Elija una que solo usted conozca antes de continuar.',
  'password.current': 'Contraseña actual',
  'password.new': 'Contraseña nueva',
  'password.newHint': 'Al menos {min} caracteres. Se cerrarán sus otras sesiones.',
  'password.confirm': 'Repita la contraseña nueva',
  'password.submit': 'Cambiar contraseña',
  'password.done': 'Su contraseña se cambió. Sus otras sesiones se cerraron.',
  'password.tooShort': 'Use al menos {min} caracteres.',
  'password.mismatch': 'Las dos contraseñas nuevas no coinciden.',
  'password.sameAsCurrent': 'Elija una contraseña distinta de la actual.',
  'password.wrongCurrent': 'Esta no es su contraseña actual.',
  'password.rateLimited': 'Demasiadas contraseñas incorrectas desde aquí. Vuelva a intentarlo en {wait}.',
  'password.failed': 'No se pudo cambiar la contraseña: {reason}',
};
