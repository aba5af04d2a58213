import { type FeatureRoute, type NavItem } from '../../app/feature';

// Orders, subscriptions and licenses are tabs of the company page (features/channel/company-page.tsx).
const routes: readonly FeatureRoute[] = [];
const navigation: readonly NavItem[] = [];

/** Commerce: orders, subscriptions, licenses and the catalog's text. */
export const ordersFeature = { name: 'orders', routes, navigation };
