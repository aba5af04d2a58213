import { createOutboxRepo } from '@csphub/db';
import { createNotifier, createOutboxTransport, createSmtpTransport, type Notifier } from '@csphub/notifications';
import type { MailConfig } from '@csphub/config';
import type { Router } from '../http/openapi-app';
import type { ChannelDeps } from '../channel/channel-deps';
import { onboardingRoutes } from '../routes/onboarding.routes';
import { onboardingNewTenantRoutes } from '../routes/onboarding-new-tenant.routes';
import { onboardingCredentialsRoutes } from '../routes/onboarding-credentials.routes';
import { onboardingRetryRoutes } from '../routes/onboarding-retry.routes';
import { existingTenantRoutes } from '../routes/existing-tenant.routes';
import { existingTenantAuthorizationsRoutes } from '../routes/existing-tenant-authorizations.routes';
import { existingTenantWebhookRoutes } from '../routes/existing-tenant-webhook.routes';
import { outboxRoutes } from '../routes/outbox.routes';
import { createPartnerCenterClients, type PartnerCenterClients } from '../partner-center/partner-center-clients';
import { listRunsOfCompany, type OnboardingRuns } from './onboarding-runs';
import { authorizationDomainRoutes } from './authorization-domain.routes';
import { wizardDraftRoutes } from './wizard-draft.routes';
import type { OnboardingDeps } from './onboarding-deps';
import { reposOf } from '../channel/channel-deps';

/** What createApp hands over besides the channel's deps; everything has a working default. */
export interface OnboardingOptions {
  publicUrl: string;
  mail: MailConfig;
  notifier?: Notifier | undefined;
  clients?: PartnerCenterClients | undefined;
  /** Starts the existing-tenant run; absent when the workflow runtime is not launched. */
  startLinkExistingTenant?: OnboardingRuns['startLinkExistingTenant'];
  startNewTenant?: OnboardingRuns['startNewTenant'];
  retryNewTenant?: OnboardingRuns['retryNewTenant'];
  engineWaitMs?: OnboardingRuns['engineWaitMs'];
  logger?: OnboardingDeps['logger'];
}

/** The notifier for the configured mail: SMTP when set, else the local outbox (F1). */
export function notifierFor(channel: Pick<ChannelDeps, 'db' | 'box'>, mail: MailConfig): Notifier {
  const transport = mail.transport === 'smtp' ? createSmtpTransport({ url: mail.url }) : createOutboxTransport(createOutboxRepo(channel.db, channel.box));
  return createNotifier({ transport, from: mail.from });
}

/**
 * Mounts the wizard, existing-tenant, pending-authorization, webhook and outbox routes on the API
 * router, and returns the deps they share (the background check uses them too).
 */
export function mountOnboardingRoutes(api: Router, channel: ChannelDeps, opts: OnboardingOptions): OnboardingDeps {
  const deps: OnboardingDeps = {
    ...channel,
    publicUrl: opts.publicUrl,
    notifier: opts.notifier ?? notifierFor(channel, opts.mail),
    clients: opts.clients ?? createPartnerCenterClients({ repos: () => reposOf(channel), emulatorUrl: channel.emulatorUrl, now: () => channel.clock.now() }),
    runs: {
      ...(opts.startLinkExistingTenant ? { startLinkExistingTenant: opts.startLinkExistingTenant } : {}),
      ...(opts.startNewTenant ? { startNewTenant: opts.startNewTenant } : {}),
      ...(opts.retryNewTenant ? { retryNewTenant: opts.retryNewTenant } : {}),
      ...(opts.engineWaitMs !== undefined ? { engineWaitMs: opts.engineWaitMs } : {}),
      listForCompany: (companyId) => listRunsOfCompany(channel.db, companyId),
    },
    ...(opts.logger ? { logger: opts.logger } : {}),
  };
  api.route('/', onboardingRoutes(deps));
  api.route('/', onboardingNewTenantRoutes(deps));
  api.route('/', onboardingCredentialsRoutes(deps));
  api.route('/', onboardingRetryRoutes(deps));
  api.route('/', existingTenantRoutes(deps));
  api.route('/', existingTenantAuthorizationsRoutes(deps));
  api.route('/', authorizationDomainRoutes(deps));
  api.route('/', wizardDraftRoutes(deps));
  api.route('/', existingTenantWebhookRoutes(deps));
  api.route('/', outboxRoutes(deps));
  return deps;
}
