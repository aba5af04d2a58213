import type { OutboxStore } from '@csphub/domain';
import type { MailTransport } from './mail-transport';

/** What the outbox needs from storage: the port declared in @csphub/domain. */
export type { OutboxStore };

/**
 * Delivers into the local outbox (no SMTP configured). Stores the masked bodies; secrets go to the
 * store separately to be sealed and shown once, so the outbox never holds a password in clear.
 */
export function createOutboxTransport(store: OutboxStore): MailTransport {
  return {
    kind: 'outbox',
    async deliver(m) {
      const stored = await store.deliver({
        dedupeKey: m.dedupeKey,
        template: m.rendered.templateId,
        language: m.rendered.language,
        from: m.from,
        to: m.to,
        cc: m.cc ?? [],
        subject: m.rendered.masked.subject,
        text: m.rendered.masked.text,
        html: m.rendered.masked.html,
        subjectId: m.subjectId ?? null,
        secrets: m.rendered.secrets,
      });
      return { id: `outbox:${stored.id}` };
    },
  };
}
