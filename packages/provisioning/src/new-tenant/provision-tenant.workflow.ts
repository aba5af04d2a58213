// size: one workflow body whose stages share local state (the tenant, the MCA request, the GDAP lock); its input types live in provision-tenant.input.ts.
import { readableReason } from './readable-reason';
import { NEW_TENANT_STAGES, NEW_TENANT_STAGE_IDS, type NewTenantStageId } from '@csphub/domain';
import { confirmMcaStep, type McaAttestationInput } from '../shared/confirm-mca.step';
import { requestGdapStep } from '../shared/request-gdap.step';
import { checkGdapRequestStep } from '../shared/check-gdap-request.step';
import { awaitGdapLock, GDAP_LOCK_POLL_PATCH } from '../shared/await-gdap-lock';
import { storeTenantLinkStep } from '../shared/store-tenant-link.step';
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
import {
  AWAITING_RETRY_EVENT,
  PROVISION_TENANT_KIND,
  RETRY_TOPIC,
  RETRY_WAIT_MS,
  type NewTenantInput,
  type NewTenantResult,
  type NewTenantRetry,
  isSignatoryMca,
} from './provision-tenant.input';
import { checkMcaAcceptanceStep } from '../mca/await-mca-acceptance.step';
import { createMcaAgreementStep } from '../mca/create-mca-agreement.step';
import { MCA_CHECK_TOPIC, MCA_FIRST_CHECK_MS, MCA_MAX_CHECK_MS } from '../mca/mca-signatory';
import { requestMcaAcceptanceStep } from '../mca/request-mca-acceptance.step';
import { sendMcaAcceptanceEmailStep } from '../mca/send-mca-acceptance-email.step';

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
    requestMca: requestMcaAcceptanceStep(ports),
    mcaEmail: sendMcaAcceptanceEmailStep(ports),
    checkMca: checkMcaAcceptanceStep(ports),
    mcaAgreement: createMcaAgreementStep(ports),
    gdapRequest: requestGdapStep(ports),
    gdapRequestCheck: checkGdapRequestStep(ports),
    link: storeTenantLinkStep(ports.accounts),
    credentials: deliverCredentialsStep(ports),
    notify: notifyRunStep(ports),
    sync: setSyncStatusStep(ports.accounts),
  };

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
      const signatory = isSignatoryMca(input.mca) ? input.mca : null;
      // The signatory's acceptance request: its attestation, when it was sent, whether it must be renewed (declined, expired).
      let mcaRequest: { attestationId: string; requestedAt: string } | null = null;
      let mcaRequests = 0;
      let renewMcaRequest = false;
      const requestMcaAcceptance = async () => {
        mcaRequests++;
        const r = await wf.step(steps.requestMca, { connectionId: input.connectionId, tenantId: tenant!.tenantId, signatory: signatory!, occurrence: mcaRequests, companyId: input.companyId });
        if (r.state === 'already-accepted') {
          mcaRequest = null;
          await wf.recordRun({ ...base, state: 'running', currentStep: steps.requestMca.id, facts: { mcaStatus: 'accepted' } });
          return;
        }
        await wf.step(steps.mcaEmail, { runId: wf.workflowId, subjectId: String(input.companyId), attestationId: r.attestationId, acceptanceUrl: r.acceptanceUrl, signatory: signatory! });
        const requestedAt = (await wf.now()).toISOString();
        mcaRequest = { attestationId: r.attestationId, requestedAt };
        await wf.recordRun({
          ...base,
          state: 'running',
          currentStep: steps.requestMca.id,
          facts: { mcaStatus: 'waiting', mcaAcceptanceUrl: r.acceptanceUrl, mcaRequestedAt: requestedAt, mcaSignatoryEmail: signatory!.email, mcaSignatoryName: `${signatory!.firstName} ${signatory!.lastName}` },
        });
      };

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
          enabled: () => !signatory,
          run: async () => void (await wf.step(steps.mca, { connectionId: input.connectionId, tenantId: tenant!.tenantId, attestation: signatory ? null : (input.mca as McaAttestationInput), companyId: input.companyId })),
        },
        { id: steps.requestMca.id, enabled: () => signatory !== null, run: requestMcaAcceptance },
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
              template: input.gdapTemplate ?? null,
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
              ...(mcaRequest ? { awaitingMca: true } : {}),
              gdap: input.defaultGdap ? 'default' : 'requested',
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
        {
          // Waits durably for the signatory: a journaled check, then a durable receive that a
          // "check now" message ends early, with the gap growing up to MCA_MAX_CHECK_MS.
          id: steps.checkMca.id,
          enabled: () => signatory !== null && (mcaRequest !== null || renewMcaRequest),
          run: async () => {
            if (renewMcaRequest) {
              renewMcaRequest = false;
              await requestMcaAcceptance();
              if (!mcaRequest) return;
            }
            const request: { attestationId: string; requestedAt: string } = mcaRequest!;
            let gap = MCA_FIRST_CHECK_MS;
            for (;;) {
              await wf.recordRun({ ...base, state: 'running', currentStep: steps.checkMca.id });
              let check;
              try {
                check = await wf.step(steps.checkMca, { connectionId: input.connectionId, attestationId: request.attestationId, requestedAt: request.requestedAt });
              } catch (e) {
                if (e instanceof StepFailedError && (e.failure.code === 'MCA_DECLINED' || e.failure.code === 'MCA_ACCEPTANCE_EXPIRED')) {
                  renewMcaRequest = true;
                  await wf.recordRun({ ...base, state: 'running', currentStep: steps.checkMca.id, facts: { mcaStatus: e.failure.code === 'MCA_DECLINED' ? 'declined' : 'expired' } });
                }
                throw e;
              }
              if (check.status === 'accepted') break;
              await wf.recv<unknown>(MCA_CHECK_TOPIC, gap);
              gap = Math.min(Math.round(gap * 1.5), MCA_MAX_CHECK_MS);
            }
          },
        },
        {
          id: steps.mcaAgreement.id,
          enabled: () => signatory !== null && mcaRequest !== null,
          run: async () => {
            await wf.step(steps.mcaAgreement, { connectionId: input.connectionId, tenantId: tenant!.tenantId, attestationId: mcaRequest!.attestationId, companyId: input.companyId });
            await wf.recordRun({ ...base, state: 'running', currentStep: steps.mcaAgreement.id, facts: { mcaStatus: 'accepted' } });
            await wf.step(steps.sync, { companyId: input.companyId, connectionId: input.connectionId, status: 'synced', reason: null });
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
            // A declared stage: inDeclaredOrder refuses any other.
            failedStep: stage.id as NewTenantStageId,
            // The e-mail is read by a person: Microsoft's words and the hint, not the log line.
            reason: readableReason(error.failure),
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
