import type { Context } from 'hono';
import type { OperationSpec } from './operation';
import { routeMatches } from './faults';
import * as pcErrors from '../errors/pc-errors';
import * as graphErrors from '../errors/graph-errors';
import { renderError } from './respond';
import type { AppEnv } from './app-env';

/**
 * Real Microsoft operations the emulator does not model (docs/EMULATOR-DIFFERENCES.md): answered
 * 501 with their name rather than a generic "unknown path".
 */
const NOT_EMULATED: { route: string; name: string }[] = [
  { route: 'POST /v1/customers/:id/orders', name: 'legacy order creation (POST /v1/customers/{id}/orders); use carts and checkout' },
  { route: 'PATCH /v1/customers/:id/orders/:orderId', name: 'order cancellation (PATCH /v1/customers/{id}/orders/{orderId})' },
  { route: '* /v1/customers/:id/products', name: 'customer-scoped catalog' },
  { route: '* /v1/customers/:id/products/*', name: 'customer-scoped catalog' },
  { route: 'POST /v1/extensions/product/checkInventory', name: 'inventory check for reservations' },
  { route: 'GET /v1/validations/checkdomainavailability/:prefix', name: 'the deprecated checkdomainavailability endpoint; use HEAD /v1/domains/{domain}' },
  { route: '* /v1/customers/:id/directoryroles/*', name: 'customer directory roles' },
  { route: '* /v1/customers/:id/directoryroles', name: 'customer directory roles' },
  { route: 'PATCH /v1/customers/:id/users/:userId', name: 'customer user update (PATCH /v1/customers/{id}/users/{userId})' },
  { route: 'PATCH /v1/customers/:id/orders/:orderId', name: 'order cancellation (PATCH /v1/customers/{id}/orders/{orderId})' },
  { route: '* /graph/v1.0/tenantRelationships/delegatedAdminCustomers/:id/serviceManagementDetails', name: 'delegatedAdminCustomers serviceManagementDetails' },
  { route: '* /v1/invoices/*', name: 'invoices and billing' },
  { route: '* /v1/invoices', name: 'invoices and billing' },
  { route: '* /v1/customers/:id/subscriptions/:sid/upgrades', name: 'subscription upgrades' },
  { route: '* /v1/customers/:id/subscriptions/:sid/addons', name: 'subscription add-ons' },
  { route: '* /v1/customers/:id/migrations/*', name: 'new-commerce migrations' },
  { route: '* /v1/agreementTemplates/*', name: 'agreement template documents' },
  { route: '* /v1/customers/:id/usagesummary', name: 'usage and utilization' },
];

/**
 * Every request no operation answered: 405 when the path exists with other methods, 501 naming the
 * operation when it is a known-but-not-emulated Microsoft one or any other path in Microsoft's
 * namespaces. Never a silent 200.
 */
export function fallback(operations: readonly OperationSpec[], c: Context<AppEnv>): Response {
  const path = c.req.path;
  const method = c.req.method.toUpperCase();
  const isGraph = path.startsWith('/graph/');
  const msPath = isGraph ? path.slice('/graph/v1.0'.length) : path;
  const api = isGraph ? 'graph' : 'pc';
  const sameApi = operations.filter((op) => op.api === api);
  const known = NOT_EMULATED.find((n) => routeMatches(n.route, method, msPath));
  if (known) return renderError(isGraph ? graphErrors.graphNotEmulated(known.name) : pcErrors.notEmulated(known.name));
  const pathExists = sameApi.some((op) => routeMatches(`* ${op.path}`, method, msPath));
  if (pathExists) {
    return renderError(isGraph ? graphErrors.graphMethodNotAllowed(method, msPath) : pcErrors.methodNotAllowed(method, msPath));
  }
  const what = `${method} ${path}`;
  return renderError(isGraph ? graphErrors.graphNotEmulated(what) : pcErrors.notEmulated(what));
}
