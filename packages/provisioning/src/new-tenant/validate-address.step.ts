import { AppError } from '@csphub/domain';
import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { NewTenantPorts, TenantAddress } from '../ports/new-tenant.ports';

function describe(a: TenantAddress): string {
  return [a.line1, a.line2, a.city, a.state, a.postalCode, a.country].filter(Boolean).join(', ');
}

/**
 * Asks Partner Center whether the billing address is real (docs/PARTNER-CENTER-REFERENCE.md §4) before the
 * customer is created: Microsoft refuses to create a customer on a bad address, and in the sandbox
 * one created with a bad address can never be deleted. Anything but Verified/VerifiedShippable stops
 * the run with Microsoft's suggestions, before anything exists.
 */
export function validateAddressStep(ports: Pick<NewTenantPorts, 'partnerCenter'>) {
  return defineStep<{ connectionId: string; address: TenantAddress }, { status: string }>({
    id: 'validate-address',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const verdict = await pc.validateAddress(input.address, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      if (verdict.isValid) return { status: verdict.status };
      const suggestions = verdict.suggestions.map(describe);
      throw new AppError(
        'ADDRESS_INVALID',
        `Partner Center did not verify the billing address (${verdict.status})${verdict.message ? `: ${verdict.message}` : ''}.` +
          (suggestions.length > 0 ? ` Did you mean: ${suggestions.join(' | ')}?` : ' Correct the address on the company page, then retry.'),
        suggestions.map((message) => ({ field: 'billingAddress', message })),
      );
    },
  });
}
