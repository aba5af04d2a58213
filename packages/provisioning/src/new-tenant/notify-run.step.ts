import type { NewTenantStageId } from '@csphub/domain';
import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { NewTenantPorts } from '../ports/new-tenant.ports';

export type NotifyRunInput =
  | {
      kind: 'completed';
      runId: string;
      companyId: number;
      companyName: string;
      recipient: { name: string; email: string; language: string };
      domain: string;
      tenantId: string;
      accountUrl: string;
    }
  | {
      kind: 'failed';
      runId: string;
      /** Distinguishes successive failures of one run (one message each). */
      occurrence: number;
      companyId: number;
      companyName: string;
      recipient: { name: string; email: string; language: string };
      /** The stage that failed; the e-mail template names it in the recipient's language. */
      failedStep: NewTenantStageId;
      reason: string;
      accountUrl: string;
    };

/** "Notify me": tells the person who ran the order that the run completed, or stopped and why. */
export function notifyRunStep(ports: Pick<NewTenantPorts, 'notifier'>) {
  return defineStep<NotifyRunInput, { sent: true }>({
    id: 'notify',
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input) {
      const base = { to: [input.recipient.email], language: input.recipient.language, subjectId: String(input.companyId) };
      if (input.kind === 'completed') {
        await ports.notifier.send({
          ...base,
          template: 'provisioning-completed',
          dedupeKey: `${input.runId}:completed`,
          fields: { recipientName: input.recipient.name, companyName: input.companyName, domain: input.domain, tenantId: input.tenantId, accountUrl: input.accountUrl },
        });
      } else {
        await ports.notifier.send({
          ...base,
          template: 'provisioning-failed',
          dedupeKey: `${input.runId}:failed:${input.occurrence}`,
          fields: { recipientName: input.recipient.name, companyName: input.companyName, failedStep: input.failedStep, reason: input.reason, accountUrl: input.accountUrl },
        });
      }
      return { sent: true };
    },
  });
}
