import { StepFailedError } from '../runtime/step-failure';
import { defineWorkflow, type WorkflowDefinition } from '../runtime/workflow-definition';
import { checkMcaAcceptanceStep } from './await-mca-acceptance.step';
import { awaitSignatoryAcceptance } from './await-signatory-acceptance';
import { createMcaAgreementStep } from './create-mca-agreement.step';
import type { McaAcceptanceRecords, McaNotifier, McaPartnerCenter, McaSignatoryInput } from './mca-signatory';
import { requestMcaAcceptanceStep } from './request-mca-acceptance.step';
import { sendMcaAcceptanceEmailStep } from './send-mca-acceptance-email.step';

/** The workflow kind, as the timeline and the run rows name it. */
export const MCA_ACCEPTANCE_KIND = 'mca-acceptance';

/**
 * A linked customer asked to accept the Microsoft Customer Agreement again: Microsoft published a
 * new version after the customer's acceptance (docs/PARTNER-CENTER-REFERENCE.md §5.6), or the
 * customer never accepted it in this connection.
 */
export interface McaAcceptanceInput {
  companyId: number;
  connectionId: string;
  tenantId: string;
  signatory: McaSignatoryInput;
}

export interface McaAcceptanceResult {
  state: 'succeeded' | 'needs_attention';
  mca?: 'already-accepted' | 'created';
  errorCode?: string;
}

/** One run per account, connection and request (the n-th request after a decline or an expiry). */
export function mcaAcceptanceRunId(companyId: number, connectionId: string, occurrence: number): string {
  return `${MCA_ACCEPTANCE_KIND}:${companyId}:${connectionId}:${occurrence}`;
}

/**
 * The re-acceptance run: the enhanced attestation for the signatory, the e-mailed link, a durable
 * wait that "Check now" ends early, then the agreement on the current version
 * (`awaitSignatoryAcceptance`). Orders of the account placed meanwhile are held. A decline or 30
 * days without an answer end it as needs attention; the company page asks again.
 */
export function createMcaAcceptanceWorkflow(ports: {
  partnerCenter(connectionId: string): Promise<McaPartnerCenter>;
  notifier: McaNotifier;
  mcaRecords?: McaAcceptanceRecords | undefined;
}): WorkflowDefinition<McaAcceptanceInput, McaAcceptanceResult> {
  const steps = {
    request: requestMcaAcceptanceStep(ports),
    email: sendMcaAcceptanceEmailStep(ports),
    check: checkMcaAcceptanceStep(ports),
    agreement: createMcaAgreementStep(ports),
  };
  return defineWorkflow<McaAcceptanceInput, McaAcceptanceResult>({
    name: 'mca-acceptance-v1',
    async run(input, wf) {
      const base = { kind: MCA_ACCEPTANCE_KIND, subjectId: String(input.companyId), connectionId: input.connectionId };
      await wf.recordRun({ ...base, state: 'running', currentStep: steps.request.id, facts: { tenantId: input.tenantId } });
      try {
        const r = await awaitSignatoryAcceptance(wf, steps, { base, tenantId: input.tenantId, signatory: input.signatory });
        await wf.recordRun({ ...base, state: 'succeeded', currentStep: null });
        return { state: 'succeeded', mca: r.mca };
      } catch (e) {
        if (!(e instanceof StepFailedError)) throw e;
        await wf.recordRun({ ...base, state: 'needs_attention', currentStep: null, failedStep: e.stepId, errorCode: e.failure.code, errorMessage: e.failure.message });
        return { state: 'needs_attention', errorCode: e.failure.code };
      }
    },
  });
}
