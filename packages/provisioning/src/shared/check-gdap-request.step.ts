import { AppError } from '@csphub/domain';
import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { TenantLinkPorts } from './tenant-link.ports';

export interface CheckGdapRequestInput {
  connectionId: string;
  relationshipId: string;
  requestId: string;
  /** True on the last look the workflow will take: a request still unsettled then fails the step. */
  lastLook: boolean;
}

/**
 * One look at a GDAP relationship request (`GET …/requests/{id}`, docs/PARTNER-CENTER-REFERENCE.md
 * §12.3). Graph answers a request `created` and acts on it afterwards; the workflow calls this step
 * between durable sleeps (await-gdap-lock.ts) until the request is `succeeded`. A `failed` request
 * stops the run for a retry (the retry asks again), as does one Microsoft still has not acted on at
 * the last look.
 */
export function checkGdapRequestStep(ports: Pick<TenantLinkPorts, 'partnerCenter'>) {
  return defineStep<CheckGdapRequestInput, { status: string }>({
    id: 'check-gdap-request',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const request = await pc.getGdapRequest(input.relationshipId, input.requestId, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      if (request.status === 'failed') {
        throw new AppError('PARTNER_CENTER_REFUSED', 'Microsoft could not lock the GDAP relationship for approval. Retry to ask again.', [
          { field: 'gdap', message: `Request ${input.requestId} of relationship ${input.relationshipId} failed.` },
        ]);
      }
      if (request.status !== 'succeeded' && input.lastLook) {
        throw new AppError('PARTNER_CENTER_REFUSED', 'Microsoft has not yet locked the GDAP relationship for approval. Retry later.', [
          { field: 'gdap', message: `Request ${input.requestId} of relationship ${input.relationshipId} is still '${request.status}'.` },
        ]);
      }
      return { status: request.status };
    },
  });
}
