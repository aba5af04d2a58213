import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import type { McaNotifier, McaSignatoryInput } from './mca-signatory';

export interface SendMcaAcceptanceEmailInput {
  runId: string;
  subjectId: string;
  attestationId: string;
  acceptanceUrl: string;
  signatory: McaSignatoryInput;
}

/** E-mails the signatory the acceptance link, once per attestation (the dedupe key names it). */
export function sendMcaAcceptanceEmailStep(ports: { notifier: McaNotifier }) {
  return defineStep<SendMcaAcceptanceEmailInput, { sent: true }>({
    id: 'send-mca-acceptance-email',
    retry: defaultStepRetryPolicy,
    timeoutMs: 30_000,
    async run(input) {
      const s = input.signatory;
      await ports.notifier.send({
        template: 'mca-acceptance-request',
        dedupeKey: `${input.runId}:mca-acceptance:${input.attestationId}`,
        to: [s.email],
        language: s.language,
        subjectId: input.subjectId,
        fields: { signatoryName: `${s.firstName} ${s.lastName}`, companyName: s.companyName, partnerName: s.partnerName, acceptanceUrl: input.acceptanceUrl },
      });
      return { sent: true };
    },
  });
}
