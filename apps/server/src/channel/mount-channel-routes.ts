import type { Router } from '../http/openapi-app';
import { authRoutes } from '../auth/auth.routes';
import { ownPasswordRoutes } from '../auth/own-password.routes';
import { auditLogRoutes } from '../audit/audit-log.routes';
import { auditVerifyRoutes } from '../audit/audit-verify.routes';
import type { ServerDeps } from '../app/server-deps';
import { companiesRoutes } from './companies.routes';
import { companyTreeRoutes } from './company-tree.routes';
import { companyLifecycleRoutes } from './company-lifecycle.routes';
import { companyUsersRoutes } from './company-users.routes';
import { apiTokensRoutes } from './api-tokens.routes';
import { connectionsRoutes } from './connections.routes';
import { syncOptionsRoutes } from './sync-options.routes';
import { settingsRoutes } from './settings.routes';

/** Mounts every channel-and-accounts route on the /api/v1 router (the tree's fixed paths before /companies/{id}). */
export function mountChannelRoutes(api: Router, deps: ServerDeps): void {
  for (const routes of [authRoutes, ownPasswordRoutes, companyTreeRoutes, companiesRoutes, companyLifecycleRoutes, companyUsersRoutes, apiTokensRoutes, connectionsRoutes, syncOptionsRoutes, auditLogRoutes, auditVerifyRoutes, settingsRoutes]) {
    api.route('/', routes(deps));
  }
}
