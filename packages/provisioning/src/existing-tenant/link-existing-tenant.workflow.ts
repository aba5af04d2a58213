import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineWorkflow, type WorkflowDefinition } from '../runtime/workflow-definition';
import { StepFailedError } from '../runtime/step-failure';
import { confirmMcaStep, type McaAttestationInput } from '../shared/confirm-mca.step';
import type { ExistingTenantPorts } from './existing-tenant.ports';
import { notifyLinkedStep } from './notify-linked.step';
import { requestGdapStep, type GdapRequestTemplate, type RequestGdapOutput } from '../shared/request-gdap.step';
import { checkGdapRequestStep } from '../shared/check-gdap-request.step';
import { awaitGdapLock, GDAP_LOCK_POLL_PATCH } from '../shared/await-gdap-lock';
import { storeTenantLinkStep } from '../shared/store-tenant-link.step';
import type { McaSignatoryInput } from '../mca/mca-signatory';
import { requestMcaAcceptanceStep } from '../mca/request-mca-acceptance.step';
import { sendMcaAcceptanceEmailStep } from '../mca/send-mca-acceptance-email.step';
import { checkMcaAcceptanceStep } from '../mca/await-mca-acceptance.step';
import { createMcaAgreementStep } from '../mca/create-mca-agreement.step';
import { awaitSignatoryAcceptance } from '../mca/await-signatory-acceptance';

/** The workflow kind, as the timeline and the run rows name it. */
export const LINK_EXISTING_TENANT_KIND = 'link-existing-tenant';

/** What the server passes when the existing-tenant checkout is finished (after verification). */
export interface LinkExistingTenantInput {
  companyId: number;
  companyName: string;
  connectionId: string;
  authorizationId: string;
  tenantId: string;
  defaultDomain: string;
  resellerPartnerId: string | null;
  /**
   * The legacy partner-typed attestation (signer and date), kept for runs journaled before the
   * enhanced flow and for API callers that still send it; the wizard sends `signatory` instead.
   */
  attestation: McaAttestationInput | null;
  /**
   * The customer's signatory, captured in the wizard when Partner Center had no acceptance of the
   * current MCA: the run requests Microsoft's enhanced attestation, e-mails them the link, waits
   * durably for the acceptance and creates the agreement (docs/PARTNER-CENTER-REFERENCE.md §5.5).
   */
  signatory?: McaSignatoryInput | null;
  requestGdap: boolean;
  /** Who is asked to approve the GDAP request by e-mail (see `RequestGdapInput`). */
  gdapApprover?: { to: string[]; language: string; partnerName: string } | null;
  /** The GDAP template requested (absent in runs journaled before templates; see `RequestGdapInput`). */
  gdapTemplate?: GdapRequestTemplate | null;
  /** "Notify me": who gets the completed message, in their language. */
  notify: { name: string; email: string; language: string } | null;
  accountUrl: string;
}

export interface LinkExistingTenantResult {
  state: 'succeeded' | 'failed' | 'needs_attention';
  failedStep?: string;
  errorCode?: string;
}

/**
 * The durable id from business intent (docs/WORKFLOWS.md): one run per account, connection and verified
 * authorization, so a double click on Finish or a second API call attaches to the same run.
 */
export function linkExistingTenantRunId(input: Pick<LinkExistingTenantInput, 'companyId' | 'connectionId' | 'authorizationId'>): string {
  return `${LINK_EXISTING_TENANT_KIND}:${input.companyId}:${input.connectionId}:${input.authorizationId}`;
}

/**
 * The run after "verify authorization": store the link > check the MCA (direct-sign
 * status, or record the attestation from the wizard) > optional GDAP request > notify. No step
 * creates a customer or an admin user. A failure before the link is stored leaves the account
 * as it was (`failed`); a failure after it needs attention with the reason, and the link stays.
 */
export function createLinkExistingTenantWorkflow(ports: ExistingTenantPorts): WorkflowDefinition<LinkExistingTenantInput, LinkExistingTenantResult> {
  const storeLink = storeTenantLinkStep(ports.accounts);
  const confirmMca = confirmMcaStep(ports);
  const requestGdap = requestGdapStep(ports);
  const checkGdapRequest = checkGdapRequestStep(ports);
  const notify = notifyLinkedStep(ports.notifier);
  const mcaSteps = {
    request: requestMcaAcceptanceStep(ports),
    email: sendMcaAcceptanceEmailStep({ notifier: ports.notifier }),
    check: checkMcaAcceptanceStep(ports),
    agreement: createMcaAgreementStep(ports),
  };
  const setSync = setSyncStatusStep(ports);
  return defineWorkflow<LinkExistingTenantInput, LinkExistingTenantResult>({
    name: 'link-existing-tenant-v1',
    async run(input, wf) {
      const base = { kind: LINK_EXISTING_TENANT_KIND, subjectId: String(input.companyId), connectionId: input.connectionId };
      let linked = false;
      try {
        await wf.recordRun({ ...base, state: 'running', currentStep: storeLink.id, facts: { defaultDomain: input.defaultDomain } });
        await wf.step(storeLink, {
          companyId: input.companyId,
          connectionId: input.connectionId,
          tenantId: input.tenantId,
          defaultDomain: input.defaultDomain,
          resellerPartnerId: input.resellerPartnerId,
          // With a signatory the account stays in progress until the agreement exists: orders are held meanwhile.
          ...(input.signatory ? { awaitingMca: true } : {}),
        });
        linked = true;
        let mca: { mca: string };
        if (input.signatory) {
          await wf.recordRun({ ...base, state: 'running', currentStep: mcaSteps.request.id, facts: { tenantId: input.tenantId } });
          mca = await awaitSignatoryAcceptance(wf, mcaSteps, { base, tenantId: input.tenantId, signatory: input.signatory });
          await wf.step(setSync, { companyId: input.companyId, connectionId: input.connectionId, status: 'synced', reason: null });
        } else {
          await wf.recordRun({ ...base, state: 'running', currentStep: confirmMca.id, facts: { tenantId: input.tenantId } });
          mca = await wf.step(confirmMca, { connectionId: input.connectionId, tenantId: input.tenantId, attestation: input.attestation, companyId: input.companyId });
        }
        let gdap: RequestGdapOutput | undefined;
        if (input.requestGdap) {
          await wf.recordRun({ ...base, state: 'running', currentStep: requestGdap.id, facts: { mca: mca.mca } });
          gdap = await wf.step(requestGdap, { connectionId: input.connectionId, tenantId: input.tenantId, customerName: input.companyName, companyId: input.companyId, approver: input.gdapApprover ?? null, template: input.gdapTemplate ?? null });
          if (await wf.patch(GDAP_LOCK_POLL_PATCH)) await awaitGdapLock(wf, checkGdapRequest, { connectionId: input.connectionId, gdap, stageId: requestGdap.id });
        }
        await wf.recordRun({ ...base, state: 'running', currentStep: notify.id, facts: { mca: mca.mca, ...(gdap ? { gdapApprovalUrl: gdap.approvalUrl } : {}) } });
        await wf.step(notify, {
          runId: wf.workflowId,
          companyId: input.companyId,
          companyName: input.companyName,
          tenantId: input.tenantId,
          defaultDomain: input.defaultDomain,
          recipient: input.notify,
          accountUrl: input.accountUrl,
        });
        await wf.recordRun({ ...base, state: 'succeeded', currentStep: null });
        return { state: 'succeeded' };
      } catch (e) {
        if (!(e instanceof StepFailedError)) throw e;
        const state = linked ? 'needs_attention' : 'failed';
        await wf.recordRun({ ...base, state, currentStep: null, failedStep: e.stepId, errorCode: e.failure.code, errorMessage: e.failure.message });
        // The account says why (a decline, no answer in 30 days): Finish again asks anew.
        if (linked && input.signatory && Object.values(mcaSteps).some((st) => st.id === e.stepId)) await wf.step(markFailedStep(ports, 'mark-mca-failed'), { companyId: input.companyId, connectionId: input.connectionId, reason: e.failure.message });
        if (!linked) {
          await wf.step(markFailedStep(ports), { companyId: input.companyId, connectionId: input.connectionId, reason: e.failure.message });
        }
        return { state, failedStep: e.stepId, errorCode: e.failure.code };
      }
    },
  });
}

/** Marks the account synced once the agreement exists. */
function setSyncStatusStep(ports: ExistingTenantPorts) {
  return defineStep<{ companyId: number; connectionId: string; status: 'synced'; reason: null }, { status: 'synced' }>({
    id: 'set-sync-status',
    retry: defaultStepRetryPolicy,
    timeoutMs: 15_000,
    async run(input) {
      await ports.accounts.setSyncStatus(input);
      return { status: input.status };
    },
  });
}

/** Puts the account's sync status to failed with the reason, so the company page says why. */
export function markFailedStep(ports: ExistingTenantPorts, id = 'mark-link-failed') {
  return defineStep<{ companyId: number; connectionId: string; reason: string }, { marked: true }>({
    id,
    retry: defaultStepRetryPolicy,
    timeoutMs: 15_000,
    async run(input) {
      await ports.accounts.setSyncStatus({ companyId: input.companyId, connectionId: input.connectionId, status: 'failed', reason: input.reason });
      return { marked: true };
    },
  });
}
