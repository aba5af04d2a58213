import { AppError } from '@csphub/domain';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import { MCA_ACCEPTANCE_WAIT_MS, type McaPartnerCenter } from './mca-signatory';

export interface CheckMcaAcceptanceInput {
  connectionId: string;
  attestationId: string;
  /** When the request was sent (ISO 8601): past the wait, the run stops for a person. */
  requestedAt: string;
}

/**
 * One look at the attestation (docs/PARTNER-CENTER-REFERENCE.md §5.5): still pending, accepted, or
 * declined (MCA_DECLINED stops the run with a fixable message). The run calls it again and again
 * between durable waits, so each call is one journaled check.
 */
export function checkMcaAcceptanceStep(ports: { partnerCenter(connectionId: string): Promise<McaPartnerCenter> }) {
  return defineStep<CheckMcaAcceptanceInput, { status: 'pending' | 'accepted'; acceptedAt: string | null }>({
    id: 'await-mca-acceptance',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const a = await pc.getMcaAttestation(input.attestationId, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      if (a.status === 'declined') {
        throw new AppError('MCA_DECLINED', "The customer's signatory declined the Microsoft Customer Agreement. Talk to the customer; Retry sends a new acceptance request (to the same signatory, or correct it first).");
      }
      if (a.status === 'pending' && ctx.now().getTime() - Date.parse(input.requestedAt) > MCA_ACCEPTANCE_WAIT_MS) {
        throw new AppError('MCA_ACCEPTANCE_EXPIRED', 'Nobody accepted the Microsoft Customer Agreement in 30 days. Remind the signatory; Retry sends a new acceptance request.');
      }
      return { status: a.status === 'accepted' ? 'accepted' : 'pending', acceptedAt: a.acceptedAt };
    },
  });
}
