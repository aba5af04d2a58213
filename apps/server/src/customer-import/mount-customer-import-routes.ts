import type { Router } from '../http/openapi-app';
import type { CustomerImportDeps } from './customer-import-deps';
import { customerImportRoutes } from './customer-import.routes';

/** Mounts the import of existing customers (start, review, decide, apply, pause, report) on the /api/v1 router. */
export function mountCustomerImportRoutes(api: Router, deps: CustomerImportDeps): void {
  api.route('/', customerImportRoutes(deps));
}
