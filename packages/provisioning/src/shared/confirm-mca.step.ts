import { AppError } from '@csphub/domain';
import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { TenantLinkPorts } from './tenant-link.ports';

/** The attestation captured in the wizard when the customer had no MCA on record. */
export interface McaAttestationInput {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  /** Date of acceptance, ISO 8601 (not in the future; checked at the API edge). */
  acceptedAt: string;
}

export interface ConfirmMcaInput {
  connectionId: string;
  tenantId: string;
  attestation: McaAttestationInput | null;
  /** The account, to record the accepted version (absent in runs journaled before it was kept). */
  companyId?: number;
}

export type ConfirmMcaOutput = { mca: 'already-accepted' } | { mca: 'attested' };

/**
 * Makes sure the customer's Microsoft Customer Agreement is on record before anything is bought
 * (docs/PARTNER-CENTER-REFERENCE.md §5): an MCA attested by a partner or signed directly in the admin center
 * is enough; otherwise the attestation from the wizard is recorded. "Already confirmed" (600061)
 * after a crash mid-call counts as done. Without either, the run stops with MCA_MISSING.
 */
export function confirmMcaStep(ports: Pick<TenantLinkPorts, 'partnerCenter' | 'mcaRecords'>) {
  return defineStep<ConfirmMcaInput, ConfirmMcaOutput>({
    id: 'confirm-mca',
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
      if (!input.attestation) {
        throw new AppError(
          'MCA_MISSING',
          'The customer has not accepted the Microsoft Customer Agreement and no attestation was given. Record the signer and the date of acceptance, then retry.',
        );
      }
      const a = input.attestation;
      try {
        await pc.confirmMca(
          input.tenantId,
          { signer: { firstName: a.firstName, lastName: a.lastName, email: a.email, ...(a.phone ? { phoneNumber: a.phone } : {}) }, acceptedAt: a.acceptedAt },
          { ...(ctx.requestId ? { requestId: ctx.requestId } : {}), correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued },
        );
      } catch (e) {
        if ((e as { code?: unknown }).code !== 'MCA_ALREADY_CONFIRMED') throw e;
      }
      await record();
      return { mca: 'attested' };
    },
  });
}
