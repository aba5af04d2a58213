import { afterAll, beforeAll, describe } from 'vitest';
import { registerAgreementContract } from './agreements.contract';
import { registerCommerceContract } from './commerce.contract';
import type { ContractContext } from './contract-context';
import type { ContractControl, ContractTarget } from './contract-target';
import { registerCustomerContract } from './customers.contract';
import { registerDirectoryRoleContract } from './directory-roles.contract';
import { registerGdapContract } from './gdap.contract';
import { registerMfaContract } from './mfa.contract';
import { registerPagingContract } from './paging.contract';
import { registerResellerContract } from './resellers.contract';
import { registerResilienceContract } from './resilience.contract';
import { registerTransferContract } from './transfers.contract';
import { registerUserContract } from './users.contract';
import { registerWebhookContract } from './webhooks.contract';

export type * from './contract-target';
export { emulatorContractTarget, type EmulatorContractTargetOptions } from './emulator-target';
export { liveContractTarget, liveContractMissingEnv } from './live-target';
export { createAcceleratedClock } from './accelerated-clock';
export { registerMicrosoftClientsContract } from './microsoft-clients.contract';
export { registerGraphSdkContract } from './graph-sdk.contract';

/**
 * The Partner Center contract suite: registers Vitest tests that drive a real
 * `@csphub/partner-center` client against a target, the embedded emulator or a live Partner Center
 * sandbox. Tests that need the emulator's control plane (fault injection, clock, acting as the
 * customer, revoking tokens) are skipped on a target without one, and their names say so.
 * Families run in order: customers, agreements, resellers, commerce, transfers, users, directory roles, GDAP, paging, webhooks,
 * resilience (last, as it revokes the connection's refresh token).
 */
export function registerPartnerCenterContract(
  options: { name: string; hasControlPlane: boolean },
  createTarget: () => Promise<ContractTarget>,
): void {
  describe(`Partner Center contract (${options.name})`, () => {
    let target: ContractTarget | undefined;
    const shared = new Map<string, unknown>();
    const ctx: ContractContext = {
      get target() {
        if (!target) throw new Error('The contract target is not ready (beforeAll failed?)');
        return target;
      },
      get control(): ContractControl {
        const control = ctx.target.control;
        if (!control) throw new Error(`Target ${options.name} has no control plane`);
        return control;
      },
      hasControlPlane: options.hasControlPlane,
      shared,
    };
    beforeAll(async () => {
      target = await createTarget();
    }, 120_000);
    afterAll(async () => {
      await target?.dispose();
    }, 120_000);

    registerCustomerContract(ctx);
    registerAgreementContract(ctx);
    registerResellerContract(ctx);
    registerCommerceContract(ctx);
    registerTransferContract(ctx);
    registerUserContract(ctx);
    registerDirectoryRoleContract(ctx);
    registerGdapContract(ctx);
    registerPagingContract(ctx);
    registerWebhookContract(ctx);
    registerMfaContract(ctx);
    registerResilienceContract(ctx);
  });
}
