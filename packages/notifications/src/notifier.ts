import { renderTemplate } from './render-template';
import { templates } from './templates/index';
import type { MailTransport } from './transports/mail-transport';

/** A request to notify someone with a template. */
export interface NotificationRequest {
  template: string;
  /** The account's language (en, es, es-MX ...); English when unsupported. */
  language: string | undefined | null;
  to: string[];
  cc?: string[];
  fields: Record<string, string>;
  /** Idempotency key, e.g. `<runId>:welcome`. */
  dedupeKey: string;
  subjectId?: string | null;
}

/** Renders and delivers notifications through one transport. */
export interface Notifier {
  readonly transport: 'smtp' | 'outbox';
  send(req: NotificationRequest): Promise<{ id: string }>;
}

/** Builds the notifier the server wires: SMTP when configured, else the outbox transport. */
export function createNotifier(opts: { transport: MailTransport; from: string }): Notifier {
  return {
    transport: opts.transport.kind,
    async send(req) {
      const template = templates[req.template];
      if (!template) throw new Error(`Unknown notification template ${req.template}.`);
      if (req.to.length === 0) throw new Error(`Notification ${req.template} has no recipient.`);
      const rendered = renderTemplate(template, req.language, req.fields);
      const message = { dedupeKey: req.dedupeKey, from: opts.from, to: req.to, rendered, subjectId: req.subjectId ?? null };
      return opts.transport.deliver(req.cc && req.cc.length > 0 ? { ...message, cc: req.cc } : message);
    },
  };
}
