import { AppError, MAX_DOMAIN_PREFIX_LENGTH, isValidDomainPrefix } from '@csphub/domain';
import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { NewTenantPorts } from '../ports/new-tenant.ports';

export interface CheckDomainOutput {
  domain: string;
  /** The domain already belongs to one of this partner's customers (found by looking, not created by us now). */
  existingTenantId?: string;
}

/**
 * Checks the onmicrosoft.com prefix: free, or already one of this partner's customers (a
 * tenant this run created before it was cut, found by looking). Taken by anybody else stops the run
 * before anything is created, with a message that says to pick another prefix.
 */
export function checkDomainStep(ports: Pick<NewTenantPorts, 'partnerCenter'>) {
  return defineStep<{ connectionId: string; domainPrefix: string }, CheckDomainOutput>({
    id: 'check-domain',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const domain = `${input.domainPrefix.trim().toLowerCase()}.onmicrosoft.com`;
      // The domain package's rule, the one the wizard checks live: a prefix it accepts is never refused at create time.
      if (!isValidDomainPrefix(input.domainPrefix.trim())) {
        throw new AppError('DOMAIN_PREFIX_INVALID', `"${input.domainPrefix}" is not a valid prefix: use at most ${MAX_DOMAIN_PREFIX_LENGTH} letters or digits.`, [
          { field: 'domainPrefix', message: `At most ${MAX_DOMAIN_PREFIX_LENGTH} letters or digits` },
        ]);
      }
      const pc = await ports.partnerCenter(input.connectionId);
      const call = { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued };
      if (await pc.isDomainAvailable(domain, call)) return { domain };
      const ours = await pc.findCustomerByDomain(domain, call);
      if (ours) return { domain, existingTenantId: ours.tenantId };
      throw new AppError('DOMAIN_PREFIX_TAKEN', `${domain} is already used by another tenant. Choose another prefix and retry.`, [
        { field: 'domainPrefix', message: `${domain} is taken` },
      ]);
    },
  });
}
