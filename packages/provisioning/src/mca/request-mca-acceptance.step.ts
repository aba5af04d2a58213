import { AppError } from '@csphub/domain';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import type { McaRecordingPorts, McaSignatoryInput } from './mca-signatory';

export interface RequestMcaAcceptanceInput {
  connectionId: string;
  tenantId: string;
  signatory: McaSignatoryInput;
  /** 1 for the first request of the run, then one more per renewed request (after a decline or an expiry). */
  occurrence: number;
  /** The account, to record the version found already accepted (absent in runs journaled before it was kept). */
  companyId?: number;
}

export type RequestMcaAcceptanceOutput =
  | { state: 'already-accepted' }
  | { state: 'requested'; attestationId: string; acceptanceUrl: string };

/**
 * Asks Microsoft for an enhanced attestation for the customer's signatory
 * (docs/PARTNER-CENTER-REFERENCE.md §5.5). Looks first: a customer who already accepted the current
 * MCA is not asked again. Partner Center has no look-up of attestations by signatory, so the
 * creation's `MS-RequestId` is fixed before the call (decision 0007) and reused after a crash: the replay gives
 * back the first attestation instead of a second one.
 */
export function requestMcaAcceptanceStep(ports: McaRecordingPorts) {
  return defineStep<RequestMcaAcceptanceInput, RequestMcaAcceptanceOutput>({
    id: 'request-mca-acceptance',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      if (await pc.hasMca(input.tenantId, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued })) {
        if (input.companyId !== undefined) await ports.mcaRecords?.recordAcceptance({ companyId: input.companyId, connectionId: input.connectionId, tenantId: input.tenantId });
        return { state: 'already-accepted' };
      }
      const s = input.signatory;
      const created = await pc.createMcaAttestation(
        { country: s.country, language: s.language, companyName: s.companyName, firstName: s.firstName, lastName: s.lastName, email: s.email, ...(s.phone ? { phoneNumber: s.phone } : {}) },
        { ...(ctx.requestId ? { requestId: ctx.requestId } : {}), correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued },
      );
      if (!created.acceptanceUrl) {
        throw new AppError('MCA_LINK_UNAVAILABLE', "This Partner Center connection has no link to Microsoft's agreement component configured, so the signatory cannot be sent one. Set it on the connection, then retry.");
      }
      return { state: 'requested', attestationId: created.attestationId, acceptanceUrl: created.acceptanceUrl };
    },
  });
}
