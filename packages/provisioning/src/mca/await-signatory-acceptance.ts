import { StepFailedError } from '../runtime/step-failure';
import type { StepDefinition } from '../runtime/step-definition';
import type { WorkflowContext } from '../runtime/workflow-definition';
import type { CheckMcaAcceptanceInput } from './await-mca-acceptance.step';
import type { CreateMcaAgreementInput } from './create-mca-agreement.step';
import { MCA_CHECK_TOPIC, MCA_FIRST_CHECK_MS, MCA_MAX_CHECK_MS, type McaSignatoryInput } from './mca-signatory';
import type { RequestMcaAcceptanceInput, RequestMcaAcceptanceOutput } from './request-mca-acceptance.step';
import type { SendMcaAcceptanceEmailInput } from './send-mca-acceptance-email.step';

/** The four MCA steps a run takes with the customer's signatory (docs/PARTNER-CENTER-REFERENCE.md §5.5). */
export interface SignatoryAcceptanceSteps {
  request: StepDefinition<RequestMcaAcceptanceInput, RequestMcaAcceptanceOutput>;
  email: StepDefinition<SendMcaAcceptanceEmailInput, { sent: true }>;
  check: StepDefinition<CheckMcaAcceptanceInput, { status: 'pending' | 'accepted'; acceptedAt: string | null }>;
  agreement: StepDefinition<CreateMcaAgreementInput, { mca: 'already-accepted' | 'created' }>;
}

/**
 * The whole enhanced acceptance in one go, for a run without stages of its own (the existing-tenant
 * run, a re-acceptance): ask Microsoft for the attestation (nothing when the current MCA is already
 * accepted), e-mail the link, record "waiting" with the link on the timeline, wait durably (a
 * journaled look, then a `recv` on `mca-check` that a webhook or "check now" ends early, the gap
 * growing up to MCA_MAX_CHECK_MS), then create the agreement. A decline or an expiry throws the
 * step's failure after recording it on the timeline.
 */
export async function awaitSignatoryAcceptance(
  wf: WorkflowContext,
  steps: SignatoryAcceptanceSteps,
  input: { base: { kind: string; subjectId: string; connectionId: string }; tenantId: string; signatory: McaSignatoryInput; occurrence?: number },
): Promise<{ mca: 'already-accepted' | 'created' }> {
  const { base, signatory } = input;
  const companyId = Number(base.subjectId);
  const r = await wf.step(steps.request, { connectionId: base.connectionId, tenantId: input.tenantId, signatory, occurrence: input.occurrence ?? 1, companyId });
  if (r.state === 'already-accepted') {
    await wf.recordRun({ ...base, state: 'running', currentStep: steps.request.id, facts: { mcaStatus: 'accepted' } });
    return { mca: 'already-accepted' };
  }
  await wf.step(steps.email, { runId: wf.workflowId, subjectId: base.subjectId, attestationId: r.attestationId, acceptanceUrl: r.acceptanceUrl, signatory });
  const requestedAt = (await wf.now()).toISOString();
  await wf.recordRun({
    ...base,
    state: 'running',
    currentStep: steps.check.id,
    facts: { mcaStatus: 'waiting', mcaAcceptanceUrl: r.acceptanceUrl, mcaRequestedAt: requestedAt, mcaSignatoryEmail: signatory.email, mcaSignatoryName: `${signatory.firstName} ${signatory.lastName}` },
  });
  let gap = MCA_FIRST_CHECK_MS;
  for (;;) {
    let check;
    try {
      check = await wf.step(steps.check, { connectionId: base.connectionId, attestationId: r.attestationId, requestedAt });
    } catch (e) {
      if (e instanceof StepFailedError && (e.failure.code === 'MCA_DECLINED' || e.failure.code === 'MCA_ACCEPTANCE_EXPIRED')) {
        await wf.recordRun({ ...base, state: 'running', currentStep: steps.check.id, facts: { mcaStatus: e.failure.code === 'MCA_DECLINED' ? 'declined' : 'expired' } });
      }
      throw e;
    }
    if (check.status === 'accepted') break;
    await wf.recv<unknown>(MCA_CHECK_TOPIC, gap);
    gap = Math.min(Math.round(gap * 1.5), MCA_MAX_CHECK_MS);
  }
  await wf.recordRun({ ...base, state: 'running', currentStep: steps.agreement.id });
  await wf.step(steps.agreement, { connectionId: base.connectionId, tenantId: input.tenantId, attestationId: r.attestationId, companyId });
  await wf.recordRun({ ...base, state: 'running', currentStep: steps.agreement.id, facts: { mcaStatus: 'accepted' } });
  return { mca: 'created' };
}
