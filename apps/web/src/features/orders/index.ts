import { featureMessages, type FeatureRoute, type NavItem } from '../../app/feature';
import { ordersEn } from './orders.messages.en';
import { ordersEs } from './orders.messages.es';
import { transfersEn } from '../subscriptions/transfers.messages.en';
import { transfersEs } from '../subscriptions/transfers.messages.es';

// Orders, subscriptions and licenses are tabs of the company page (features/channel/company-page.tsx).
const routes: readonly FeatureRoute[] = [];
const navigation: readonly NavItem[] = [];

/** Commerce: orders, subscriptions, licenses and the catalog's text. */
export const ordersFeature = { name: 'orders', routes, navigation, messages: featureMessages({ ...ordersEn, ...transfersEn }, { ...ordersEs, ...transfersEs }) };
