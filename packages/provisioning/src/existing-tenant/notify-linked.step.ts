import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { ExistingTenantNotifier } from './existing-tenant.ports';

export interface NotifyLinkedInput {
  runId: string;
  companyId: number;
  companyName: string;
  tenantId: string;
  defaultDomain: string;
  recipient: { name: string; email: string; language: string } | null;
  accountUrl: string;
}

/**
 * "Notify me when provisioning completes": the completed message to the person who ran the order.
 * Keyed by run, so a step re-run after a crash leaves one message in the outbox.
 */
export function notifyLinkedStep(notifier: ExistingTenantNotifier) {
  return defineStep<NotifyLinkedInput, { notified: boolean }>({
    id: 'notify-linked',
    retry: defaultStepRetryPolicy,
    timeoutMs: 30_000,
    async run(input) {
      if (!input.recipient) return { notified: false };
      await notifier.send({
        template: 'provisioning-completed',
        dedupeKey: `${input.runId}:completed`,
        to: [input.recipient.email],
        language: input.recipient.language,
        subjectId: String(input.companyId),
        fields: {
          recipientName: input.recipient.name,
          companyName: input.companyName,
          domain: input.defaultDomain,
          tenantId: input.tenantId,
          accountUrl: input.accountUrl,
        },
      });
      return { notified: true };
    },
  });
}
