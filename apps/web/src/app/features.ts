import type { Feature } from './feature';
import { homeFeature } from '../features/home';
import { authFeature } from '../features/auth';
import { channelFeature } from '../features/channel';
import { connectionsFeature } from '../features/connections';
import { storefrontFeature } from '../features/storefront';
import { catalogFeature } from '../features/catalog';
import { pricesFeature } from '../features/prices';
import { newServiceFeature } from '../features/new-service';
import { ordersFeature } from '../features/orders';
import { settingsFeature } from '../features/settings';
import { webhooksFeature } from '../features/webhooks';
import { notificationTemplatesFeature } from '../features/notification-templates';
import { gdapFeature } from '../features/gdap';
import { cockpitFeature } from '../features/cockpit';
import { customerImportFeature } from '../features/customer-import';

/**
 * Every feature of the web app, in navigation order. The router (app.tsx) and the navigation
 * (navigation.ts) are built from this list; a new feature is a folder with an index.ts and one line
 * here, and its messages one line in each language's catalogue (i18n/messages/en.ts, es.ts).
 */
export const FEATURES: readonly Feature[] = [homeFeature, authFeature, channelFeature, connectionsFeature, storefrontFeature, catalogFeature, pricesFeature, newServiceFeature, ordersFeature, gdapFeature, settingsFeature, webhooksFeature, notificationTemplatesFeature, cockpitFeature, customerImportFeature];
