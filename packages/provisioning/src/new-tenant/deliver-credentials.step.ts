import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { NewTenantPorts } from '../ports/new-tenant.ports';

export interface DeliverCredentialsInput {
  runId: string;
  companyId: number;
  companyName: string;
  domain: string;
  /** Customer or reseller, as the distributor chose; with the language to write in. */
  recipient: { name: string; email: string; cc?: string[]; language: string };
  signInUrl: string;
}

/**
 * Sends the welcome message with the admin sign-in name and the one-time password, then wipes
 * the password from the vault. The message key is the run, so a re-run after a crash between
 * sending and wiping stores one outbox message; when the vault is already empty the step knows the
 * message went out and does nothing.
 */
export function deliverCredentialsStep(ports: Pick<NewTenantPorts, 'vault' | 'notifier'>) {
  return defineStep<DeliverCredentialsInput, { delivered: boolean }>({
    id: 'deliver-credentials',
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input) {
      const held = await ports.vault.get(input.runId);
      if (!held) return { delivered: false };
      await ports.notifier.send({
        template: 'welcome',
        dedupeKey: `${input.runId}:welcome`,
        to: [input.recipient.email],
        ...(input.recipient.cc && input.recipient.cc.length > 0 ? { cc: input.recipient.cc } : {}),
        language: input.recipient.language,
        subjectId: String(input.companyId),
        fields: {
          recipientName: input.recipient.name,
          companyName: input.companyName,
          domain: input.domain,
          adminSignInName: held.userName,
          temporaryPassword: held.password,
          signInUrl: input.signInUrl,
        },
      });
      await ports.vault.wipe(input.runId);
      return { delivered: true };
    },
  });
}
