import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import type { McaRecordingPorts } from './mca-signatory';

export interface CreateMcaAgreementInput {
  connectionId: string;
  tenantId: string;
  attestationId: string;
  /** The account, to record the accepted version (absent in runs journaled before it was kept). */
  companyId?: number;
}

/**
 * Creates the customer's agreement from the accepted attestation (docs/PARTNER-CENTER-REFERENCE.md §5.5).
 * Looks first (an acceptance of the current MCA already on record is enough), and treats "already
 * exists" (600061, a crash after Partner Center created it) as done: one agreement per attestation.
 */
export function createMcaAgreementStep(ports: McaRecordingPorts) {
  return defineStep<CreateMcaAgreementInput, { mca: 'already-accepted' | 'created' }>({
    id: 'create-mca-agreement',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const record = async () => {
        if (input.companyId !== undefined) await ports.mcaRecords?.recordAcceptance({ companyId: input.companyId, connectionId: input.connectionId, tenantId: input.tenantId });
      };
      if (await pc.hasMca(input.tenantId, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued })) {
        await record();
        return { mca: 'already-accepted' };
      }
      try {
        await pc.createMcaAgreementFromAttestation(input.tenantId, input.attestationId, {
          ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
          correlationId: ctx.correlationId,
          signal: ctx.signal, onQueued: ctx.onQueued,
        });
      } catch (e) {
        if ((e as { code?: unknown }).code !== 'MCA_ALREADY_CONFIRMED') throw e;
      }
      await record();
      return { mca: 'created' };
    },
  });
}
