import type { Notifier } from '@csphub/notifications';
import type { RequestGdapFromTemplateInput } from '@csphub/provisioning';
import type { ServerDeps } from '../app/server-deps';
import type { PartnerCenterClients } from '../partner-center/partner-center-clients';

/** Starts the durable "request GDAP from a template" run (workflows/wiring.ts); absent without an engine. */
export type StartRequestGdap = (input: RequestGdapFromTemplateInput) => Promise<{ runId: string }>;

/** What the GDAP routes and services are built from: the channel's deps plus Partner Center, the notifier and the run. */
export interface GdapDeps extends ServerDeps {
  clients: PartnerCenterClients;
  notifier: Pick<Notifier, 'send'>;
  publicUrl: string;
  startRequestGdap?: StartRequestGdap | undefined;
  logger?: { warn?: (obj: object, msg: string) => void };
}
