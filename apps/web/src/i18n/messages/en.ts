import { authEn } from '../../auth/auth.messages.en';
import { channelEn } from '../../channel/channel.messages.en';
import { peopleEn } from '../../channel/people.messages.en';

import { newServiceEn } from '../../features/new-service/new-service.messages.en';
import { ordersEn } from '../../features/orders/orders.messages.en';
import { storefrontEn } from '../../features/storefront/storefront.messages.en';
import { problemEn } from '../problem.messages.en';
import { settingsEn } from '../../features/settings/settings.messages.en';

/** English UI text: the reference catalogue; every other language must have the same keys. */
export const en = {
  ...authEn,
  ...channelEn,
  ...peopleEn,
  ...newServiceEn,
  ...ordersEn,
  ...storefrontEn,
  ...problemEn,
  ...settingsEn,
  'app.name': 'CSP Hub',
  'app.tagline': 'Microsoft tenants for the whole channel',
  'nav.home': 'Home',
  'nav.main': 'Main navigation',
  'nav.section.channel': 'Channel',
  'header.notSignedIn': 'Not signed in',
  'header.language': 'Language',
  'header.toggleNavigation': 'Toggle navigation',
  'header.colorScheme': 'Switch light or dark mode',
  'tree.title': 'Companies',
  'tree.empty': 'No companies to show yet.',
  'home.title': 'Welcome to CSP Hub',
  'home.intro':
    'Create new Microsoft tenants or connect existing ones for your customers, then order and manage their subscriptions.',
  'home.status.title': 'System status',
  'home.status.loading': 'Checking the system…',
  'home.status.error': 'The server did not answer: {message}',
  'home.status.retry': 'Try again',
  'home.status.database': 'Database',
  'home.status.databaseKind.pglite': 'Embedded database',
  'home.status.databaseKind.postgres': 'PostgreSQL server',
  'home.status.emulator': 'Partner Center',
  'home.status.emulatorEmbedded': 'Local emulator at {url}',
  'home.status.emulatorOff': 'Microsoft services (emulator off)',
  'home.status.ok': 'Working',
  'home.status.down': 'Not answering',
  'home.status.latency': '{ms} ms',
  'home.status.checkedAt': 'Checked {time}',
  'notFound.title': 'Page not found',
  'notFound.body': 'The address {path} does not match any page.',
  'notFound.back': 'Go to the home page',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
