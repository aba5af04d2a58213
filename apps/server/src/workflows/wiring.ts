import { createCockpitRepo, createGdapRepo, createOrdersRepo, createPendingCredentialsRepo, createProvisioningAccountsRepo, type Database, type SecretBox } from '@csphub/db';
import { placeOrderWorkflowId, systemClock } from '@csphub/domain';
import type { PartnerCenterClient } from '@csphub/partner-center';
import type { Notifier } from '@csphub/notifications';
import {
  createLinkExistingTenantWorkflow,
  createPlaceOrderWorkflow,
  createBulkFixWorkflow,
  createCustomerImportWorkflow,
  createCustomerSyncWorkflows,
  customerSyncCron,
  CUSTOMER_SYNC_SCHEDULE,
  type ScheduleSpec,
  customerImportRunId,
  bulkFixRunId,
  createProvisionTenantWorkflow,
  createRequestGdapWorkflow,
  requestGdapRunId,
  type GdapPartnerCenter,
  type RequestGdapFromTemplateInput,
  linkExistingTenantRunId,
  retryNewTenantRun,
  createMcaAcceptanceWorkflow,
  createUpdateGdapAccessWorkflow,
  type GdapAccessPartnerCenter,
  type UpdateGdapAccessInput,
  type McaAcceptanceInput,
  MCA_CHECK_TOPIC,
  submitNewTenantRun,
  type TenantLinkPartnerCenter,
  type McaPartnerCenter,
  type LinkExistingTenantInput,
  type LinkExistingTenantResult,
  type NewTenantPartnerCenter,
  type OrderPartnerCenter,
  type PlaceOrderInput,
  type WorkflowDefinition,
  type WorkflowRuntime,
} from '@csphub/provisioning';
import type { OnboardingRuns } from '../onboarding/onboarding-runs';
import type { OrderRuns } from '../commerce/commerce-deps';
import type { PartnerCenterClients } from '../partner-center/partner-center-clients';
import type { BulkRuns } from '../cockpit/cockpit-deps';
import { runBulkItem } from '../cockpit/bulk-actions';
import type { CustomerImportRuns } from '../customer-import/customer-import-deps';
import { createMcaRecorder } from '../onboarding/mca-records';
import { customerImportPorts } from '../customer-import/customer-import-ports';
import { customerSyncPorts } from '../customer-import/customer-sync-schedule';

/** How often a pending order is looked at, and how long before it needs attention. */
const ORDER_POLL_INTERVAL_MS = 3_000;
const ORDER_MAX_WAIT_MS = 6 * 3_600_000;

type Policy = () => Promise<{ requireCorporateEmail: boolean; requireSubCustomerBillingAddress: boolean }>;

/** What the routes call to start or wake a durable run, once the runtime is launched. */
export type WorkflowStarters = Required<Pick<OnboardingRuns, 'startLinkExistingTenant' | 'startNewTenant' | 'retryNewTenant' | 'wakeMcaCheck' | 'startMcaAcceptance' | 'startGdapAccessUpdate'>> &
  Required<OrderRuns> &
  Required<BulkRuns> &
  Required<CustomerImportRuns> & {
    /** "Request GDAP from a template" (gdap/gdap-relationships.ts): starts the run, or attaches to it (one per relationship row). */
    startRequestGdap: (input: RequestGdapFromTemplateInput) => Promise<{ runId: string }>;
  };

/**
 * The server's three durable runs wired to its adapters, side by side: the new-tenant run, the
 * existing-tenant link run and the place-order run. Each reaches Partner Center through the
 * process's one set of clients (one limiter registry), accounts through the provisioning accounts
 * repository and people through the notifier. Register `definitions` with the runtime at launch
 * (`launchWorkflows`), then hand `starters(runtime)` to createApp.
 */
export function wireWorkflows(opts: {
  db: Database;
  box: SecretBox;
  clients: PartnerCenterClients;
  partnerCenterFor: (connectionId: string) => Promise<PartnerCenterClient>;
  notifier: Pick<Notifier, 'send'>;
  policy: Policy;
  /** How often the customer sync fires (docs/CUSTOMER-IMPORT.md); one minute unless told. */
  customerSyncEveryMs?: number;
}) {
  const accounts = createProvisioningAccountsRepo(opts.db, { policy: opts.policy });
  // The MCA version each customer accepted, kept for the cockpit's "needs re-acceptance".
  const mcaRecords = createMcaRecorder({ db: opts.db, clients: opts.clients, clock: systemClock });

  const newTenant = createProvisionTenantWorkflow({
    partnerCenter: async (connectionId) => {
      const { client } = await opts.clients.forConnection(connectionId);
      const port: NewTenantPartnerCenter = client;
      return port;
    },
    accounts,
    vault: createPendingCredentialsRepo(opts.db, opts.box),
    notifier: { send: (m) => opts.notifier.send(m) },
    mcaRecords,
  });

  const link: WorkflowDefinition<LinkExistingTenantInput, LinkExistingTenantResult> = createLinkExistingTenantWorkflow({
    accounts: {
      storeTenantLink: (l) => accounts.storeTenantLink(l, { event: 'tenant.linked' }),
      setSyncStatus: (s) => accounts.setSyncStatus(s),
    },
    mcaRecords,
    partnerCenter: async (connectionId) => {
      const { client } = await opts.clients.forConnection(connectionId);
      const port: TenantLinkPartnerCenter & McaPartnerCenter = client;
      return port;
    },
    notifier: {
      send: async (m) => {
        await opts.notifier.send({ template: m.template, language: m.language, to: m.to, fields: m.fields, dedupeKey: m.dedupeKey, subjectId: m.subjectId });
      },
    },
  });

  // A linked customer asked to accept the MCA again (a new version published by Microsoft).
  const mcaAcceptance = createMcaAcceptanceWorkflow({
    partnerCenter: async (connectionId) => {
      const { client } = await opts.clients.forConnection(connectionId);
      const port: McaPartnerCenter = client;
      return port;
    },
    notifier: { send: (m) => opts.notifier.send(m) },
    mcaRecords,
  });

  // A GDAP access assignment's roles changed: the PATCH, then Graph's long-running operation followed.
  const gdapAccess = createUpdateGdapAccessWorkflow({
    partnerCenter: async (connectionId) => {
      const { client } = await opts.clients.forConnection(connectionId);
      const port: GdapAccessPartnerCenter = client;
      return port;
    },
  });

  const orders = createOrdersRepo(opts.db);
  const placeOrder = createPlaceOrderWorkflow({
    partnerCenterFor: async (connectionId) => {
      const port: OrderPartnerCenter = await opts.partnerCenterFor(connectionId);
      return port;
    },
    orders: { saveProgress: (orderId, progress) => orders.saveProgress(orderId, progress) },
    notifications: { send: (req) => opts.notifier.send(req) },
    pollIntervalMs: ORDER_POLL_INTERVAL_MS,
    maxWaitMs: ORDER_MAX_WAIT_MS,
  });

  const requestGdap = createRequestGdapWorkflow({
    partnerCenter: async (connectionId) => {
      const { client } = await opts.clients.forConnection(connectionId);
      const port: GdapPartnerCenter = client;
      return port;
    },
    relationships: createGdapRepo(opts.db),
    notifier: { send: (m) => opts.notifier.send(m) },
  });

  // Bulk fixes from the cockpit: one item at a time, each call low priority in the limiter.
  const cockpit = createCockpitRepo(opts.db);
  const bulkDeps = { db: opts.db, box: opts.box, clock: systemClock, partnerCenterFor: opts.partnerCenterFor, notifier: opts.notifier };
  const bulkFix = createBulkFixWorkflow({
    pendingItems: async (jobId) => {
      await cockpit.setJobState(jobId, 'running', systemClock.now());
      return cockpit.pendingItemKeys(jobId);
    },
    runItem: async (jobId, round, itemKey, call) => {
      const job = await cockpit.getJob(jobId);
      if (!job) return { state: 'failed' };
      return runBulkItem(bulkDeps, job, round, itemKey, call);
    },
    finish: async (jobId) => {
      await cockpit.setJobState(jobId, 'finished', systemClock.now());
      const items = await cockpit.items(jobId);
      return { succeeded: items.filter((i) => i.state === 'succeeded').length, failed: items.filter((i) => i.state === 'failed').length };
    },
  });

  // The import of a connection's existing customers: reading, then the reviewed plan applied in chunks.
  const importDeps = { db: opts.db, box: opts.box, now: () => systemClock.now() };
  const clientOf = async (connectionId: string) => (await opts.clients.forConnection(connectionId)).client;
  const customerImport = createCustomerImportWorkflow(customerImportPorts(importDeps, clientOf));

  // Staying in step with Partner Center: a DBOS scheduled run fires each slot in every process (one
  // run per slot between them) and starts one sync run per connection under a (connection, slot) id.
  const customerSync = createCustomerSyncWorkflows(customerSyncPorts(importDeps, clientOf));
  const schedules: ScheduleSpec[] = [{ name: CUSTOMER_SYNC_SCHEDULE, workflow: customerSync.tick as ScheduleSpec['workflow'], cron: customerSyncCron(opts.customerSyncEveryMs ?? 60_000) }];

  return {
    definitions: [newTenant, link, placeOrder, mcaAcceptance, gdapAccess, requestGdap, bulkFix, customerImport, customerSync.sync] as WorkflowDefinition<never, unknown>[],
    schedules,
    /** The frequent housekeeping runs whose journal is deleted once old (`syncRunRetentionMs`); every other run is kept. */
    housekeeping: [customerSync.tick.name, customerSync.sync.name],
    starters(runtime: WorkflowRuntime): WorkflowStarters {
      return {
        startNewTenant: async (input) => {
          const { runId, outcome } = await submitNewTenantRun(runtime, newTenant, input);
          return { runId, outcome };
        },
        retryNewTenant: (runId, patch) => retryNewTenantRun(runtime, runId, patch),
        startMcaAcceptance: async (input: McaAcceptanceInput, runId: string) => {
          await runtime.start(mcaAcceptance, runId, input);
          return { runId };
        },
        startGdapAccessUpdate: async (input: UpdateGdapAccessInput, runId: string) => {
          await runtime.start(gdapAccess, runId, input);
          return { runId };
        },
        wakeMcaCheck: (runId) => runtime.send(runId, MCA_CHECK_TOPIC, { reason: 'check-now' }),
        /** The checkout route's call: starts the run, or attaches to it (same id) on a second call. */
        startLinkExistingTenant: async (input: LinkExistingTenantInput, id?: string) => {
          const runId = id ?? linkExistingTenantRunId(input);
          await runtime.start(link, runId, input);
          return { runId };
        },
        startPlaceOrder: async (input: PlaceOrderInput) => {
          await runtime.start(placeOrder, placeOrderWorkflowId(input.orderId), input);
        },
        startRequestGdap: async (input: RequestGdapFromTemplateInput) => {
          const runId = requestGdapRunId(input.rowId);
          await runtime.start(requestGdap, runId, input);
          return { runId };
        },
        startBulkFix: async (input) => {
          await runtime.start(bulkFix, bulkFixRunId(input), input);
        },
        startImportRead: async (runId) => {
          const input = { runId, phase: 'read' as const };
          await runtime.start(customerImport, customerImportRunId(input), input);
        },
        startImportApply: async (runId, resumeKey) => {
          const input = { runId, phase: 'apply' as const };
          await runtime.start(customerImport, customerImportRunId(input, resumeKey), input);
        },
      };
    },
  };
}
