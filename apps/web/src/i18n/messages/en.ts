import { authEn } from '../../features/auth/auth.messages.en';
import { channelEn } from '../../features/channel/channel.messages.en';
import { peopleEn } from '../../features/channel/people.messages.en';
import { cockpitEn } from '../../features/cockpit/cockpit.messages.en';
import { cockpitValuesEn } from '../../features/cockpit/cockpit-values.messages.en';
import { customerImportEn } from '../../features/customer-import/customer-import.messages.en';
import { gdapEn } from '../../features/gdap/gdap.messages.en';
import { homeEn } from '../../features/home/home.messages.en';
import { newServiceEn } from '../../features/new-service/new-service.messages.en';
import { notificationTemplatesEn } from '../../features/notification-templates/notification-templates.messages.en';
import { ordersEn } from '../../features/orders/orders.messages.en';
import { transfersEn } from '../../features/subscriptions/transfers.messages.en';
import { pricesEn } from '../../features/prices/prices.messages.en';
import { settingsEn } from '../../features/settings/settings.messages.en';
import { storefrontEn } from '../../features/storefront/storefront.messages.en';
import { webhooksEn } from '../../features/webhooks/webhooks.messages.en';
import { problemEn } from '../problem.messages.en';

/** English text of the shell: header, navigation frame, company tree, not-found page. */
export const shellEn = {
  'app.name': 'CSP Hub',
  'app.tagline': 'Microsoft tenants for the whole channel',
  'nav.home': 'Home',
  'nav.main': 'Main navigation',
  'nav.section.channel': 'Channel',
  'header.notSignedIn': 'Not signed in',
  'header.language': 'Language',
  'header.languageFailed': '{language} could not be loaded. Check your connection and choose it again.',
  'header.toggleNavigation': 'Toggle navigation',
  'header.colorScheme': 'Switch light or dark mode',
  'tree.title': 'Companies',
  'tree.empty': 'No companies to show yet.',
  'notFound.title': 'Page not found',
  'notFound.body': 'The address {path} does not match any page.',
  'notFound.back': 'Go to the home page',
} as const;

/**
 * English UI text: the reference catalogue; every other language must have the same keys. Loaded
 * on its own (`loadMessages` in i18n.tsx) when English is the language in use: import only its
 * types elsewhere (`MessageKey`, `Messages`), so that the first chunk carries no language's text.
 */
export const en = {
  ...authEn,
  ...channelEn,
  ...peopleEn,
  ...cockpitEn,
  ...cockpitValuesEn,
  ...customerImportEn,
  ...gdapEn,
  ...homeEn,
  ...newServiceEn,
  ...notificationTemplatesEn,
  ...ordersEn,
  ...transfersEn,
  ...pricesEn,
  ...settingsEn,
  ...storefrontEn,
  ...webhooksEn,
  ...problemEn,
  ...shellEn,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
