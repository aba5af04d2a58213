import type { Notifier } from '@csphub/notifications';
import type { ServerDeps } from '../app/server-deps';
import type { PartnerCenterClients } from '../partner-center/partner-center-clients';
import type { OnboardingRuns } from './onboarding-runs';

/**
 * What the onboarding routes (wizard, existing tenant, pending authorizations, outbox, Partner
 * Center webhook) are built from: the channel's deps (database, secrets, clock, auth) plus the
 * Partner Center clients, the notifier and the durable runs. One object, passed from createApp.
 */
export interface OnboardingDeps extends ServerDeps {
  clients: PartnerCenterClients;
  notifier: Notifier;
  /** The public origin, for links in messages and the webhook URL given to Partner Center. */
  publicUrl: string;
  runs: OnboardingRuns;
  /** For background work that has no request (webhook deliveries, the pending-authorization check). */
  logger?: { warn?: (obj: object, msg: string) => void };
}
