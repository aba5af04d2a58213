import type { Messages } from './en';
import { authEs } from '../../auth/auth.messages.es';
import { channelEs } from '../../channel/channel.messages.es';
import { peopleEs } from '../../channel/people.messages.es';
import { newServiceEs } from '../../features/new-service/new-service.messages.es';
import { ordersEs } from '../../features/orders/orders.messages.es';
import { storefrontEs } from '../../features/storefront/storefront.messages.es';
import { problemEs } from '../problem.messages.es';
import { settingsEs } from '../../features/settings/settings.messages.es';

/** Spanish UI text. The type makes a missing key a compile error. */
export const es: Messages = {
  ...authEs,
  ...channelEs,
  ...peopleEs,
  ...newServiceEs,
  ...ordersEs,
  ...storefrontEs,
  ...problemEs,
  ...settingsEs,
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
  'home.title': 'Bienvenido a CSP Hub',
  'home.intro':
    'Cree tenants nuevos de Microsoft o conecte los existentes de sus clientes y después pida y gestione sus suscripciones.',
  'home.status.title': 'Estado del sistema',
  'home.status.loading': 'Comprobando el sistema…',
  'home.status.error': 'El servidor no respondió: {message}',
  'home.status.retry': 'Reintentar',
  'home.status.database': 'Base de datos',
  'home.status.databaseKind.pglite': 'Base de datos integrada',
  'home.status.databaseKind.postgres': 'Servidor PostgreSQL',
  'home.status.emulator': 'Partner Center',
  'home.status.emulatorEmbedded': 'Emulador local en {url}',
  'home.status.emulatorOff': 'Servicios de Microsoft (emulador apagado)',
  'home.status.ok': 'Funciona',
  'home.status.down': 'No responde',
  'home.status.latency': '{ms} ms',
  'home.status.checkedAt': 'Comprobado {time}',
  'notFound.title': 'Página no encontrada',
  'notFound.body': 'La dirección {path} no corresponde a ninguna página.',
  'notFound.back': 'Ir a la página de inicio',
};
