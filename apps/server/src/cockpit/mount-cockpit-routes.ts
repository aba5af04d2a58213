import type { Router } from '../http/openapi-app';
import type { ServerDeps } from '../app/server-deps';
import { cockpitRoutes } from './cockpit.routes';

/** Mounts the portfolio cockpit's routes on the /api/v1 router. */
export function mountCockpitRoutes(api: Router, deps: ServerDeps): void {
  api.route('/', cockpitRoutes(deps));
}
