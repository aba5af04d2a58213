import type { Router } from '../http/openapi-app';
import type { CockpitDeps } from './cockpit-deps';
import { cockpitRoutes } from './cockpit.routes';
import { cockpitBulkRoutes } from './cockpit-bulk.routes';

/** Mounts the portfolio cockpit's routes on the /api/v1 router. */
export function mountCockpitRoutes(api: Router, deps: CockpitDeps): void {
  api.route('/', cockpitRoutes(deps));
  api.route('/', cockpitBulkRoutes(deps));
}
