import type { Router } from '../http/openapi-app';
import { onboardingRoutes } from './onboarding.routes';
import { onboardingNewTenantRoutes } from './onboarding-new-tenant.routes';
import { onboardingRunActionRoutes } from './onboarding-run-actions.routes';
import { mcaAcceptanceRoutes } from './mca-acceptance.routes';
import { gdapAccessRoutes } from './gdap-access.routes';
import { existingTenantRoutes } from './existing-tenant.routes';
import { linkVisibleTenantRoutes } from './link-visible-tenant.routes';
import { existingTenantAuthorizationsRoutes } from './existing-tenant-authorizations.routes';
import { existingTenantWebhookRoutes } from './existing-tenant-webhook.routes';
import { outboxRoutes } from './outbox.routes';
import { authorizationDomainRoutes } from './authorization-domain.routes';
import { wizardDraftRoutes } from './wizard-draft.routes';
import type { OnboardingDeps } from './onboarding-deps';

/**
 * Mounts the wizard, existing-tenant, pending-authorization, webhook and outbox routes on the API
 * router (createApp builds `deps`; the background check uses the same object).
 */
export function mountOnboardingRoutes(api: Router, deps: OnboardingDeps): void {
  api.route('/', onboardingRoutes(deps));
  api.route('/', onboardingNewTenantRoutes(deps));
  api.route('/', onboardingRunActionRoutes(deps));
  api.route('/', mcaAcceptanceRoutes(deps));
  api.route('/', gdapAccessRoutes(deps));
  api.route('/', existingTenantRoutes(deps));
  api.route('/', linkVisibleTenantRoutes(deps));
  api.route('/', existingTenantAuthorizationsRoutes(deps));
  api.route('/', authorizationDomainRoutes(deps));
  api.route('/', wizardDraftRoutes(deps));
  api.route('/', existingTenantWebhookRoutes(deps));
  api.route('/', outboxRoutes(deps));
}
