import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { NewTenantPorts, ProvisioningProfile } from '../ports/new-tenant.ports';

export interface CreateCustomerInput {
  connectionId: string;
  domainPrefix: string;
  profile: ProvisioningProfile;
  enableDefaultGdap: boolean;
  /** Set when the customer is created for an indirect reseller (docs/PARTNER-CENTER-REFERENCE.md §2.3). */
  resellerTenantId: string | null;
}

export interface CreateCustomerOutput {
  tenantId: string;
  domain: string;
  /** The admin's sign-in name, when Microsoft returned credentials. */
  signInName: string | null;
  /** Whether the one-time password is in the vault (it never travels in the journal). */
  credentials: 'held' | 'unavailable';
  /** True when the tenant was found by looking rather than created by this attempt. */
  found: boolean;
}

const isCode = (e: unknown, ...codes: string[]) => typeof e === 'object' && e !== null && codes.includes(String((e as { code?: unknown }).code));

/**
 * Creates the customer tenant (docs/PARTNER-CENTER-REFERENCE.md §2.2, §2.3), exactly once:
 * - the MS-RequestId is fixed before the call (decision 0007), so a crash mid-call re-sends the same id and
 *   Partner Center replays its first answer instead of creating a second tenant;
 * - it looks before it creates (customer by domain): when the tenant is already there and an
 *   earlier attempt of this step was cut while calling, it asks for that first answer again with
 *   the same request id to recover the one-time credentials; otherwise it adopts the tenant;
 * - the one-time password goes straight into the encrypted vault and never into the step's output
 *   (which DBOS journals in clear).
 * Irreversible: a failure after this step needs attention, never a rollback.
 */
export function createCustomerStep(ports: Pick<NewTenantPorts, 'partnerCenter' | 'vault'>) {
  return defineStep<CreateCustomerInput, CreateCustomerOutput>({
    id: 'create-customer',
    irreversible: true,
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 120_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const p = input.profile;
      const body = {
        domainPrefix: input.domainPrefix,
        companyName: p.companyName,
        email: p.email,
        culture: p.culture,
        language: p.culture.split('-')[0]!.toLowerCase(),
        address: p.billingAddress,
        enableDefaultGdap: input.enableDefaultGdap,
        ...(p.registrationNumber ? { organizationRegistrationNumber: p.registrationNumber } : {}),
        ...(input.resellerTenantId ? { indirectResellerTenantId: input.resellerTenantId } : {}),
      };
      const keep = async (created: Awaited<ReturnType<typeof pc.createCustomer>>, found: boolean): Promise<CreateCustomerOutput> => {
        if (created.adminCredentials) {
          await ports.vault.put(ctx.runId, { userName: created.adminCredentials.signInName, password: created.adminCredentials.password });
        }
        const held = created.adminCredentials ? created.adminCredentials : await ports.vault.get(ctx.runId);
        const signInName = created.adminCredentials?.signInName ?? held?.userName ?? null;
        return { tenantId: created.tenantId, domain: created.domain, signInName, credentials: held ? 'held' : 'unavailable', found };
      };

      const existing = await pc.findCustomerByDomain(input.domainPrefix, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      if (existing) {
        const maybeSent = [...new Set([ctx.requestId, ...ctx.interruptedRequestIds].filter((r): r is string => !!r))];
        if (ctx.interruptedRequestIds.length > 0) {
          for (const requestId of maybeSent) {
            try {
              const replayed = await pc.createCustomer(body, { requestId, correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
              if (replayed.tenantId === existing.tenantId) return keep(replayed, true);
            } catch (e) {
              // That id never reached Partner Center, so it tried to create and hit the existing domain.
              if (!isCode(e, 'DOMAIN_PREFIX_TAKEN', 'CONFLICT')) throw e;
            }
          }
        }
        return keep({ tenantId: existing.tenantId, domain: existing.domain }, true);
      }
      const created = await pc.createCustomer(body, { ...(ctx.requestId ? { requestId: ctx.requestId } : {}), correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      return keep(created, false);
    },
  });
}
