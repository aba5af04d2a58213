import type { Permission } from '../access/roles';

/** What the orders and subscriptions features let people do. */
export const COMMERCE_ACTIONS = [
  'catalog.read',
  'catalog.refresh',
  'catalog.hide',
  'orders.read',
  'orders.place',
  'subscriptions.read',
  'subscriptions.manage',
  'licenses.read',
  'licenses.manage',
  'prices.read',
  'prices.manage',
] as const;
export type CommerceAction = (typeof COMMERCE_ACTIONS)[number];

/**
 * Which permission of the role table each action needs, so the same roles that may see or change a
 * company may see or change what it buys: reading the catalog, orders and subscriptions is reading
 * the company's billing (read-only billing users included); ordering and changing subscriptions is
 * changing the company (operators, admins and the customer's admin); the tenant's users and their
 * licenses are people data (whoever may see people); refreshing the catalog is distributor staff's
 * (it spends the Partner Center quota of a connection), and hiding products from resellers is a
 * distributor setting.
 */
export const COMMERCE_PERMISSIONS: Record<CommerceAction, Permission> = {
  'catalog.read': 'company.read',
  'catalog.refresh': 'connections.read',
  'catalog.hide': 'settings.manage',
  'orders.read': 'billing.read',
  'orders.place': 'company.update',
  'subscriptions.read': 'billing.read',
  'subscriptions.manage': 'company.update',
  'licenses.read': 'users.read',
  'licenses.manage': 'company.update',
  // Prices are billing data to read; a price list is the seller's own commercial setting to change.
  'prices.read': 'billing.read',
  'prices.manage': 'company.update',
};
