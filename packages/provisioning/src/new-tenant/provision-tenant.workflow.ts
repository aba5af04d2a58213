import { NEW_TENANT_STAGES, NEW_TENANT_STAGE_IDS, type NewTenantStageId } from '@csphub/domain';
import { confirmMcaStep, type McaAttestationInput } from '../existing-tenant/confirm-mca.step';
import { requestGdapStep } from '../existing-tenant/request-gdap.step';
import { checkGdapRequestStep } from '../existing-tenant/check-gdap-request.step';
import { awaitGdapLock, GDAP_LOCK_POLL_PATCH } from '../existing-tenant/await-gdap-lock';
import { storeTenantLinkStep } from '../existing-tenant/store-tenant-link.step';
import type { NewTenantPorts, ProvisioningProfile } from '../ports/new-tenant.ports';
import { StepFailedError } from '../runtime/step-failure';
import { defineWorkflow, type WorkflowContext, type WorkflowDefinition } from '../runtime/workflow-definition';
import { checkDomainStep } from './check-domain.step';
import { createCustomerStep, type CreateCustomerOutput } from './create-customer.step';
import { defaultGdapStep } from './default-gdap.step';
import { deliverCredentialsStep } from './deliver-credentials.step';
import { notifyRunStep } from './notify-run.step';
import { resolveResellerStep } from './resolve-reseller.step';
import { setSyncStatusStep } from './set-sync-status.step';
import { DEFAULT_ADMIN_USERNAME, setUpAdminStep } from './set-up-admin.step';
import { validateAddressStep } from './validate-address.step';
import { validatePrerequisitesStep } from './validate-prerequisites.step';

/** The workflow kind, as run rows and the timeline name it. */
export const PROVISION_TENANT_KIND = 'provision-tenant';

/** The message topic a waiting run listens on for "retry" (from the company page or the API). */
export const RETRY_TOPIC = 'retry';

/** The event a run publishes while it waits for a retry (null once it goes on). */
export const AWAITING_RETRY_EVENT = 'awaiting-retry';

/** How long a stopped run waits for someone to fix and retry before it ends as failed. */
export const RETRY_WAIT_MS = 30 * 24 * 3600 * 1000;

/** What the wizard's Finish sends. */
export interface NewTenantInput {
  companyId: number;
  connectionId: string;
  domainPrefix: string;
  /** Default GDAP roles at creation; when false, an explicit GDAP request follows instead. */
  defaultGdap: boolean;
  /** Indirect connections: create the customer for this reseller (may be null while pending, D1). */
  resellerPartnerId: string | null;
  /** The MCA attestation captured in the wizard. */
  mca: McaAttestationInput;
  /** Who receives the welcome message with the credentials (customer or reseller, a distributor setting). */
  credentialsRecipient: { name: string; email: string; cc?: string[]; language: string };
  /** "Notify me when provisioning completes": the person who ran the order, or null. */
  notify: { name: string; email: string; language: string } | null;
  accountUrl: string;
  /** Where the customer's admin signs in (Microsoft 365). */
  signInUrl?: string;
  /**
   * The wizard's admin user name, the part before @ (B2). Absent (runs submitted before it was
   * threaded through) means Microsoft's `admin`.
   */
  adminUsername?: string;
  /** The wizard's "require a password change at first sign-in" (B2). Absent means true. */
  requirePasswordChange?: boolean;
}

/** What a retry may change: the prefix (B4) and the reseller; everything else is re-read from the account. */
export interface NewTenantRetry {
  domainPrefix?: string;
  resellerPartnerId?: string | null;
}

export interface NewTenantResult {
  state: 'succeeded' | 'failed';
  tenantId?: string;
  domain?: string;
  failedStep?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** One run per account and connection (STYLE.md): a double click or a second API call attaches to it. */
export function provisionTenantRunId(companyId: number, connectionId: string): string {
  return `${PROVISION_TENANT_KIND}:${companyId}:${connectionId}`;
}

interface Stage {
  id: string;
  /** Evaluated when the stage's turn comes: false skips it without a trace (no run row, no step). */
  enabled?(): boolean;
  run(): Promise<void>;
}

/**
 * The DBOS patch that added set-up-admin (docs/WORKFLOWS.md §6): runs started before it replay their
 * journal without the step; runs that reach the end of create-customer after it take it.
 */
const SET_UP_ADMIN_PATCH = 'set-up-admin';

/**
 * The new-tenant run: validate prerequisites > validate the address with Partner Center >
 * check the domain > find the reseller (when one is set) > create the customer > set up the
 * administrator the wizard asked for (user name, password change at first sign-in) > confirm the MCA >
 * default GDAP (or an explicit GDAP request) > store the tenant link (account synced) > deliver the
 * credentials > notify.
 *
 * A step that fails for good before the tenant exists leaves the account "not synced" with the
 * reason; one that fails after it needs attention (the tenant is never rolled back). Either way the
 * run stays alive, waiting durably for a retry message: before creation it starts over (reading the
 * fixed account, with the new prefix if one was given); after creation it retries from the failed
 * step. Nothing half-created is forgotten: the same run finishes the job.
 */
export function createProvisionTenantWorkflow(ports: NewTenantPorts): WorkflowDefinition<NewTenantInput, NewTenantResult> {
  const steps = {
    prerequisites: validatePrerequisitesStep(ports.accounts),
    address: validateAddressStep(ports),
    domain: checkDomainStep(ports),
    reseller: resolveResellerStep(ports),
    create: createCustomerStep(ports),
    admin: setUpAdminStep(ports),
    mca: confirmMcaStep(ports),
    gdapRequest: requestGdapStep(ports),
    gdapRequestCheck: checkGdapRequestStep(ports),
    link: storeTenantLinkStep(ports.accounts),
    credentials: deliverCredentialsStep(ports),
    notify: notifyRunStep(ports),
    sync: setSyncStatusStep(ports.accounts),
  };

  // The failure e-mail names the step (packages/notifications' provisioning-failed template).
  const stepTitles = new Map<string, string>([...Object.values(steps), defaultGdapStep].map((s) => [s.id, s.title]));

  return defineWorkflow<NewTenantInput, NewTenantResult>({
    name: 'provision-tenant-v1',
    async run(input, wf) {
      const params = { domainPrefix: input.domainPrefix, resellerPartnerId: input.resellerPartnerId };
      const base = { kind: PROVISION_TENANT_KIND, subjectId: String(input.companyId), connectionId: input.connectionId };
      const sync = (status: 'not_synced' | 'in_progress' | 'failed', reason: string | null = null) =>
        wf.step(steps.sync, { companyId: input.companyId, connectionId: input.connectionId, status, reason });

      let profile: ProvisioningProfile | undefined;
      let resellerTenantId: string | null = null;
      let tenant: CreateCustomerOutput | undefined;
      let withAdminSetUp = false;

      const runners: Stage[] = [
        {
          id: steps.prerequisites.id,
          run: async () => {
            profile = await wf.step(steps.prerequisites, { companyId: input.companyId, connectionId: input.connectionId });
          },
        },
        {
          id: steps.address.id,
          run: async () => void (await wf.step(steps.address, { connectionId: input.connectionId, address: profile!.billingAddress })),
        },
        {
          id: steps.domain.id,
          run: async () => void (await wf.step(steps.domain, { connectionId: input.connectionId, domainPrefix: params.domainPrefix })),
        },
        {
          id: steps.reseller.id,
          run: async () => {
            resellerTenantId = params.resellerPartnerId
              ? (await wf.step(steps.reseller, { connectionId: input.connectionId, resellerPartnerId: params.resellerPartnerId })).resellerTenantId
              : null;
          },
        },
        {
          id: steps.create.id,
          run: async () => {
            tenant = await wf.step(steps.create, {
              connectionId: input.connectionId,
              domainPrefix: params.domainPrefix,
              profile: profile!,
              enableDefaultGdap: input.defaultGdap,
              resellerTenantId,
            });
            await wf.recordRun({ ...base, state: 'running', currentStep: steps.create.id, facts: { tenantId: tenant.tenantId, domain: tenant.domain, credentials: tenant.credentials } });
            // Here, right after the tenant exists, so a run journaled before the step replays unchanged.
            withAdminSetUp = await wf.patch(SET_UP_ADMIN_PATCH);
          },
        },
        {
          id: steps.admin.id,
          enabled: () => withAdminSetUp,
          run: async () => {
            const admin = await wf.step(steps.admin, {
              runId: wf.workflowId,
              connectionId: input.connectionId,
              tenantId: tenant!.tenantId,
              domain: tenant!.domain,
              adminUsername: input.adminUsername ?? DEFAULT_ADMIN_USERNAME,
              requirePasswordChange: input.requirePasswordChange ?? true,
              usageLocation: profile!.billingAddress.country,
            });
            if (admin.action !== 'default') {
              await wf.recordRun({ ...base, state: 'running', currentStep: steps.admin.id, facts: { adminSignInName: admin.signInName, forceChangePassword: admin.forceChangePassword, credentials: 'held' } });
            }
          },
        },
        {
          id: steps.mca.id,
          run: async () => void (await wf.step(steps.mca, { connectionId: input.connectionId, tenantId: tenant!.tenantId, attestation: input.mca })),
        },
        { id: defaultGdapStep.id, enabled: () => input.defaultGdap, run: async () => void (await wf.step(defaultGdapStep, { tenantId: tenant!.tenantId })) },
        {
          id: steps.gdapRequest.id,
          enabled: () => !input.defaultGdap,
          run: async () => {
            const gdap = await wf.step(steps.gdapRequest, {
              connectionId: input.connectionId,
              tenantId: tenant!.tenantId,
              customerName: profile!.companyName,
              companyId: input.companyId,
            });
            await wf.recordRun({ ...base, state: 'running', currentStep: steps.gdapRequest.id, facts: { gdapApprovalUrl: gdap.approvalUrl } });
            // Graph locks the relationship after answering the request (docs/PARTNER-CENTER-REFERENCE.md §12.3).
            if (await wf.patch(GDAP_LOCK_POLL_PATCH)) {
              await awaitGdapLock(wf, steps.gdapRequestCheck, { connectionId: input.connectionId, gdap, stageId: steps.gdapRequest.id });
            }
          },
        },
        {
          id: steps.link.id,
          run: async () =>
            void (await wf.step(steps.link, {
              companyId: input.companyId,
              connectionId: input.connectionId,
              tenantId: tenant!.tenantId,
              defaultDomain: tenant!.domain,
              resellerPartnerId: params.resellerPartnerId,
            })),
        },
        {
          id: steps.credentials.id,
          run: async () => {
            const r = await wf.step(steps.credentials, {
              runId: wf.workflowId,
              companyId: input.companyId,
              companyName: profile!.companyName,
              domain: tenant!.domain,
              recipient: input.credentialsRecipient,
              signInUrl: input.signInUrl ?? 'https://portal.office.com',
            });
            await wf.recordRun({ ...base, state: 'running', currentStep: steps.credentials.id, facts: { credentials: r.delivered ? 'delivered' : tenant!.credentials } });
          },
        },
      ];
      // Run order and the split at the first irreversible step come from NEW_TENANT_STAGES.
      const { before, after } = splitAtFirstIrreversible(inDeclaredOrder(runners));

      await sync('in_progress');
      let failures = 0;
      for (;;) {
        const stages = tenant ? after : [...before, ...after];
        const outcome = await runStages(wf, base, stages);
        if (outcome === 'done') break;
        // A step failed for good.
        failures++;
        const { stage, error } = outcome;
        const created = tenant !== undefined;
        const reason = error.failure.message;
        await wf.recordRun({
          ...base,
          state: created ? 'needs_attention' : 'failed',
          currentStep: null,
          failedStep: stage.id,
          errorCode: error.failure.code,
          errorMessage: reason,
        });
        await sync(created ? 'failed' : 'not_synced', reason);
        if (input.notify) {
          await wf.step(steps.notify, {
            kind: 'failed',
            runId: wf.workflowId,
            occurrence: failures,
            companyId: input.companyId,
            companyName: profile?.companyName ?? `Account ${input.companyId}`,
            recipient: input.notify,
            stepTitle: stepTitles.get(stage.id) ?? stage.id,
            reason,
            accountUrl: input.accountUrl,
          });
        }
        await wf.setEvent(AWAITING_RETRY_EVENT, { failedStep: stage.id, errorCode: error.failure.code, reason, occurrence: failures });
        const retry = await wf.recv<NewTenantRetry>(RETRY_TOPIC, RETRY_WAIT_MS);
        if (retry === null) {
          return { state: 'failed', failedStep: stage.id, errorCode: error.failure.code, errorMessage: reason, ...(tenant ? { tenantId: tenant.tenantId, domain: tenant.domain } : {}) };
        }
        if (!created) {
          if (retry.domainPrefix) params.domainPrefix = retry.domainPrefix;
          if (retry.resellerPartnerId !== undefined) params.resellerPartnerId = retry.resellerPartnerId;
        }
        await wf.setEvent(AWAITING_RETRY_EVENT, null);
        await sync('in_progress');
        if (created) {
          // Retry from the failed step: drop the stages that already succeeded.
          const from = after.findIndex((s) => s.id === stage.id);
          after.splice(0, Math.max(0, from));
        }
      }

      if (input.notify) {
        await wf.step(steps.notify, {
          kind: 'completed',
          runId: wf.workflowId,
          companyId: input.companyId,
          companyName: profile!.companyName,
          recipient: input.notify,
          domain: tenant!.domain,
          tenantId: tenant!.tenantId,
          accountUrl: input.accountUrl,
        });
      }
      await wf.recordRun({ ...base, state: 'succeeded', currentStep: null, failedStep: null, errorCode: null, errorMessage: null });
      return { state: 'succeeded', tenantId: tenant!.tenantId, domain: tenant!.domain };
    },
  });
}

/** The stages in NEW_TENANT_STAGES's order; a stage it does not declare is a programming error. */
function inDeclaredOrder(stages: Stage[]): Stage[] {
  const index = (id: string) => NEW_TENANT_STAGE_IDS.indexOf(id as NewTenantStageId);
  const undeclared = stages.find((s) => index(s.id) < 0);
  if (undeclared) throw new Error(`The new-tenant run has a step that NEW_TENANT_STAGES does not declare: ${undeclared.id}`);
  return [...stages].sort((a, b) => index(a.id) - index(b.id));
}

/** Before the first irreversible stage's end the run starts over on retry; after it, it resumes from the failed stage. */
function splitAtFirstIrreversible(stages: Stage[]): { before: Stage[]; after: Stage[] } {
  const first = NEW_TENANT_STAGES.find((s) => 'irreversible' in s && s.irreversible)!.id;
  const cut = stages.findIndex((s) => s.id === first) + 1;
  return { before: stages.slice(0, cut), after: stages.slice(cut) };
}

/** Runs stages in order, recording the current one; stops at the first step that failed for good. */
async function runStages(
  wf: WorkflowContext,
  base: { kind: string; subjectId: string; connectionId: string },
  stages: Stage[],
): Promise<'done' | { stage: Stage; error: StepFailedError }> {
  for (const stage of stages) {
    if (stage.enabled && !stage.enabled()) continue;
    await wf.recordRun({ ...base, state: 'running', currentStep: stage.id, failedStep: null, errorCode: null, errorMessage: null });
    try {
      await stage.run();
    } catch (e) {
      if (e instanceof StepFailedError) return { stage, error: e };
      throw e;
    }
  }
  return 'done';
}
