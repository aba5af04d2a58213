import type { Messages, shellEn } from './en';
import { FEATURES } from '../../app/features';
import { problemEs } from '../problem.messages.es';

/** Spanish text of the shell; the type makes a missing key a compile error. */
const shellEs: Record<keyof typeof shellEn, string> = {
  'app.name': 'CSP Hub',
  'app.tagline': 'Tenants de Microsoft para todo el canal',
  'nav.home': 'Inicio',
  'nav.main': 'Navegación principal',
  'nav.section.channel': 'Canal',
  'header.notSignedIn': 'Sin sesión iniciada',
  'header.language': 'Idioma',
  'header.toggleNavigation': 'Mostrar u ocultar la navegación',
  'header.colorScheme': 'Cambiar entre modo claro y oscuro',
  'tree.title': 'Empresas',
  'tree.empty': 'Todavía no hay empresas que mostrar.',
  'notFound.title': 'Página no encontrada',
  'notFound.body': 'La dirección {path} no corresponde a ninguna página.',
  'notFound.back': 'Ir a la página de inicio',
};

/** Spanish UI text: every feature's (each complete for its English keys) and the shell's. */
export const es: Messages = Object.assign({}, ...FEATURES.map((feature) => feature.messages.es), problemEs, shellEs) as Messages;
