import { AppError } from '@csphub/domain';
import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { NewTenantPorts } from '../ports/new-tenant.ports';

/**
 * Finds the indirect reseller's tenant id for its Partner ID (docs/PARTNER-CENTER-REFERENCE.md §7), needed as
 * `associatedPartnerId` when the customer is created for the reseller (docs/PARTNER-CENTER-REFERENCE.md §2.3). A Partner ID outside
 * this connection's network stops the run before anything is created.
 */
export function resolveResellerStep(ports: Pick<NewTenantPorts, 'partnerCenter'>) {
  return defineStep<{ connectionId: string; resellerPartnerId: string }, { resellerTenantId: string; resellerName: string }>({
    id: 'resolve-reseller',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const resellers = await pc.listIndirectResellers({ correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      const match = resellers.find((r) => r.partnerId === input.resellerPartnerId.trim());
      if (!match) {
        throw new AppError(
          'PARTNER_ID_NOT_IN_NETWORK',
          `Partner ID ${input.resellerPartnerId} is not an indirect reseller of this connection. The reseller must accept the invitation to your indirect reseller network in Partner Center, or leave the Partner ID empty.`,
          [{ field: 'resellerPartnerId', message: 'Not in this connection’s reseller network' }],
        );
      }
      return { resellerTenantId: match.tenantId, resellerName: match.name };
    },
  });
}
