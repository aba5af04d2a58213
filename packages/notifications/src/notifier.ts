import { renderTemplate, templateLanguageFor } from './render-template';
import { checkTemplateText, withText } from './template-editing';
import type { TemplateText } from './templates/template-definition';
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

/**
 * Where a distributor's or reseller's own wording comes from: the wording for messages about
 * `companyId` (its nearest ancestor's), or undefined for the built-in text.
 */
export type CustomWording = (companyId: number, templateId: string, language: string) => Promise<TemplateText | undefined>;

/**
 * Builds the notifier the server wires: SMTP when configured, else the outbox transport. With
 * `wording`, a message whose subject is a company (`subjectId` a company id) uses the wording its
 * distributor or reseller saved for the template and language.
 */
export function createNotifier(opts: { transport: MailTransport; from: string; wording?: CustomWording }): Notifier {
  return {
    transport: opts.transport.kind,
    async send(req) {
      const template = templates[req.template];
      if (!template) throw new Error(`Unknown notification template ${req.template}.`);
      if (req.to.length === 0) throw new Error(`Notification ${req.template} has no recipient.`);
      const language = templateLanguageFor(req.language);
      const companyId = req.subjectId && /^\d+$/.test(req.subjectId) ? Number(req.subjectId) : undefined;
      const saved = companyId !== undefined && opts.wording && !template.locked ? await opts.wording(companyId, template.id, language) : undefined;
      // A wording saved against an older version of the template that no longer checks falls back to the built-in text.
      const custom = saved && checkTemplateText(template, saved).length === 0 ? saved : undefined;
      const rendered = renderTemplate(custom ? withText(template, language, custom) : template, language, req.fields);
      const message = { dedupeKey: req.dedupeKey, from: opts.from, to: req.to, rendered, subjectId: req.subjectId ?? null };
      return opts.transport.deliver(req.cc && req.cc.length > 0 ? { ...message, cc: req.cc } : message);
    },
  };
}
