import type { Database } from './database';
import type { SecretBox } from './secret-box';
import { createSettingsRepo } from './settings.repo';
import { createCompaniesRepo } from './companies.repo';
import { createUsersRepo } from './users.repo';
import { createSessionsRepo } from './sessions.repo';
import { createApiTokensRepo } from './api-tokens.repo';
import { createSignInThrottlesRepo } from './sign-in-throttles.repo';
import { createConnectionsRepo } from './connections.repo';
import { createAccountSyncOptionsRepo } from './account-sync-options.repo';
import { createCustomerImportsRepo } from './customer-imports.repo';
import { createAuditLogRepo } from './audit-log.repo';
import { createWebhooksRepo } from './webhooks.repo';
import { createGdapRepo } from './gdap.repo';
import { createNotificationTemplatesRepo } from './notification-templates.repo';

/**
 * Every repository on one handle (the database or a transaction), so that a mutation and its audit
 * entry can be written in the same transaction: `db.transaction((tx) => work(createRepos(tx, box)))`.
 */
export function createRepos(db: Database, box: SecretBox) {
  return {
    settings: createSettingsRepo(db),
    companies: createCompaniesRepo(db),
    users: createUsersRepo(db),
    sessions: createSessionsRepo(db),
    apiTokens: createApiTokensRepo(db),
    signInThrottles: createSignInThrottlesRepo(db),
    connections: createConnectionsRepo(db, box),
    syncOptions: createAccountSyncOptionsRepo(db),
    customerImports: createCustomerImportsRepo(db),
    auditLog: createAuditLogRepo(db),
    webhooks: createWebhooksRepo(db, box),
    gdap: createGdapRepo(db),
    notificationTemplates: createNotificationTemplatesRepo(db),
  };
}
export type Repos = ReturnType<typeof createRepos>;
