import type { Router } from '../http/openapi-app';
import type { GdapDeps } from './gdap-deps';
import { gdapRoutes } from './gdap.routes';

/** Mounts the GDAP routes (templates, role catalogue, relationships) on the /api/v1 router. */
export function mountGdapRoutes(api: Router, deps: GdapDeps): void {
  api.route('/', gdapRoutes(deps));
}
