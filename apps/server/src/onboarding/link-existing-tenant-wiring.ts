import { createProvisioningAccountsRepo, type Database } from '@csphub/db';
import type { Notifier } from '@csphub/notifications';
import {
  createLinkExistingTenantWorkflow,
  linkExistingTenantRunId,
  type TenantLinkPartnerCenter,
  type LinkExistingTenantInput,
  type LinkExistingTenantResult,
  type WorkflowDefinition,
  type WorkflowRuntime,
} from '@csphub/provisioning';
import type { PartnerCenterClients } from '../partner-center/partner-center-clients';

/**
 * The existing-tenant run wired to the server's adapters: accounts through the provisioning
 * accounts repository (the same link and sync status writes as the new-tenant run), Partner Center
 * through the process's clients, notifications through the configured notifier. Register
 * `workflow` with the runtime before launch, then hand `starter(runtime)` to createApp.
 */
export function createLinkExistingTenantWiring(opts: { db: Database; clients: PartnerCenterClients; notifier: Notifier; policy: () => Promise<{ requireCorporateEmail: boolean; requireSubCustomerBillingAddress: boolean }> }) {
  const accounts = createProvisioningAccountsRepo(opts.db, { policy: opts.policy });
  const workflow: WorkflowDefinition<LinkExistingTenantInput, LinkExistingTenantResult> = createLinkExistingTenantWorkflow({
    accounts: {
      storeTenantLink: (l) => accounts.storeTenantLink(l),
      setSyncStatus: (s) => accounts.setSyncStatus(s),
    },
    partnerCenter: async (connectionId) => {
      const { client } = await opts.clients.forConnection(connectionId);
      const port: TenantLinkPartnerCenter = client;
      return port;
    },
    notifier: {
      send: async (m) => {
        await opts.notifier.send({ template: m.template, language: m.language, to: m.to, fields: m.fields, dedupeKey: m.dedupeKey, subjectId: m.subjectId });
      },
    },
  });
  return {
    workflow,
    /** What the checkout route calls: starts the run, or attaches to it (same id) on a second call. */
    starter: (runtime: WorkflowRuntime) => async (input: LinkExistingTenantInput, id?: string) => {
      const runId = id ?? linkExistingTenantRunId(input);
      await runtime.start(workflow, runId, input);
      return { runId };
    },
  };
}
