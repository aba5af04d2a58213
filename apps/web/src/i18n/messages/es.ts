import type { Messages, shellEn } from './en';
import { authEs } from '../../features/auth/auth.messages.es';
import { channelEs } from '../../features/channel/channel.messages.es';
import { peopleEs } from '../../features/channel/people.messages.es';
import { cockpitEs } from '../../features/cockpit/cockpit.messages.es';
import { cockpitValuesEs } from '../../features/cockpit/cockpit-values.messages.es';
import { customerImportEs } from '../../features/customer-import/customer-import.messages.es';
import { gdapEs } from '../../features/gdap/gdap.messages.es';
import { homeEs } from '../../features/home/home.messages.es';
import { newServiceEs } from '../../features/new-service/new-service.messages.es';
import { notificationTemplatesEs } from '../../features/notification-templates/notification-templates.messages.es';
import { ordersEs } from '../../features/orders/orders.messages.es';
import { transfersEs } from '../../features/subscriptions/transfers.messages.es';
import { pricesEs } from '../../features/prices/prices.messages.es';
import { settingsEs } from '../../features/settings/settings.messages.es';
import { storefrontEs } from '../../features/storefront/storefront.messages.es';
import { webhooksEs } from '../../features/webhooks/webhooks.messages.es';
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
  'header.languageFailed': 'No se pudo cargar {language}. Compruebe su conexión y vuelva a elegirlo.',
  'header.toggleNavigation': 'Mostrar u ocultar la navegación',
  'header.colorScheme': 'Cambiar entre modo claro y oscuro',
  'tree.title': 'Empresas',
  'tree.empty': 'Todavía no hay empresas que mostrar.',
  'notFound.title': 'Página no encontrada',
  'notFound.body': 'La dirección {path} no corresponde a ninguna página.',
  'notFound.back': 'Ir a la página de inicio',
};

/**
 * Spanish UI text: every feature's (each complete for its English keys) and the shell's; a missing
 * key is a type error. Loaded on its own when Spanish is the language in use (i18n.tsx).
 */
export const es: Messages = {
  ...authEs,
  ...channelEs,
  ...peopleEs,
  ...cockpitEs,
  ...cockpitValuesEs,
  ...customerImportEs,
  ...gdapEs,
  ...homeEs,
  ...newServiceEs,
  ...notificationTemplatesEs,
  ...ordersEs,
  ...transfersEs,
  ...pricesEs,
  ...settingsEs,
  ...storefrontEs,
  ...webhooksEs,
  ...problemEs,
  ...shellEs,
};
