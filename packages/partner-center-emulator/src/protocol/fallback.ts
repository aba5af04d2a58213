import type { Context } from 'hono';
import type { OperationSpec } from './operation';
import { routeMatches } from './faults';
import * as pcErrors from '../errors/pc-errors';
import * as graphErrors from '../errors/graph-errors';
import { renderError } from './respond';
import type { AppEnv } from './app-env';
import type { Engine } from '../engine/engine';
import type { EmulatorError } from '../errors/emulator-error';
import { GraphHeader } from '@csphub/partner-center/wire';

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
export function fallback(operations: readonly OperationSpec[], c: Context<AppEnv>, engine: Engine): Response {
  const path = c.req.path;
  const method = c.req.method.toUpperCase();
  const isGraph = path.startsWith('/graph/');
  if (isGraph) {
    // Graph answers request-id and client-request-id on every response, errors included, and puts
    // them in innerError (https://learn.microsoft.com/graph/errors).
    const ids = { requestId: engine.newId(), clientRequestId: c.req.header(GraphHeader.clientRequestId) ?? engine.newId(), date: engine.iso() };
    const error = graphErrors.withGraphInnerError(graphFallback(operations, method, path), ids);
    return renderError(error, { [GraphHeader.requestId]: ids.requestId, [GraphHeader.clientRequestId]: ids.clientRequestId });
  }
  const sameApi = operations.filter((op) => op.api === 'pc');
  const known = NOT_EMULATED.find((n) => routeMatches(n.route, method, path));
  if (known) return renderError(pcErrors.notEmulated(known.name));
  if (sameApi.some((op) => routeMatches(`* ${op.path}`, method, path))) return renderError(pcErrors.methodNotAllowed(method, path));
  return renderError(pcErrors.notEmulated(`${method} ${path}`));
}

function graphFallback(operations: readonly OperationSpec[], method: string, path: string): EmulatorError {
  const msPath = path.slice('/graph/v1.0'.length);
  // NOT_EMULATED names Graph routes with their /graph/v1.0 mount.
  const known = NOT_EMULATED.find((n) => routeMatches(n.route, method, path));
  if (known) return graphErrors.graphNotEmulated(known.name);
  if (operations.some((op) => op.api === 'graph' && routeMatches(`* ${op.path}`, method, msPath))) return graphErrors.graphMethodNotAllowed(method, msPath);
  return graphErrors.graphNotEmulated(`${method} ${path}`);
}
