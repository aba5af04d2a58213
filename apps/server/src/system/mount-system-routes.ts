import type { Router } from '../http/openapi-app';
import { healthRoutes, type HealthDeps } from './health.routes';
import { systemRoutes } from './system.routes';

/** What the system routes report: the running version, the database and emulator probes, the instance's mode. */
export interface SystemDeps {
  health: HealthDeps;
  info: { version: string; demo: boolean; emulator: boolean };
}

/** Mounts `/healthz` at the root (outside the API, for probes) and `/api/v1/system`. */
export function mountSystemRoutes(app: Router, deps: SystemDeps): void {
  app.route('/', healthRoutes(deps.health));
  app.route('/api/v1', systemRoutes(deps.info));
}
