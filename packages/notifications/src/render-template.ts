import { TEMPLATE_LANGUAGES, type TemplateDefinition, type TemplateLanguage } from './templates/template-definition';

/** A merge field the template needs was not given (or was empty): fail loudly, never send "Hello ,". */
export class MissingMergeFieldError extends Error {
  override readonly name = 'MissingMergeFieldError';
  constructor(
    readonly templateId: string,
    readonly fields: string[],
  ) {
    super(`Template ${templateId} needs merge field(s) ${fields.join(', ')}, which were not given.`);
  }
}

/** The text shown in place of a secret where the secret must not be stored. */
export const SECRET_MASK = '••••••••';

/** A rendered message; `masked` has every secret replaced by SECRET_MASK. */
export interface RenderedMessage {
  templateId: string;
  language: TemplateLanguage;
  subject: string;
  text: string;
  html: string;
  masked: { subject: string; text: string; html: string };
  /** The secret merge fields' values (to store sealed, or nowhere). */
  secrets: Record<string, string>;
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The template language for an account language such as `es`, `es-MX` or `en-US`; English otherwise. */
export function templateLanguageFor(language: string | undefined | null): TemplateLanguage {
  const base = (language ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(base) ? (base as TemplateLanguage) : 'en';
}

/**
 * Renders a template in the account's language: plain text, HTML (every merged value escaped,
 * line breaks kept) and a masked copy. Throws MissingMergeFieldError when a field is absent or
 * empty, and rejects fields the template does not know (a typo would otherwise go unnoticed).
 */
export function renderTemplate(template: TemplateDefinition, language: string | undefined | null, fields: Record<string, string>): RenderedMessage {
  const missing = template.fields.filter((f) => fields[f] === undefined || fields[f] === null || String(fields[f]).trim() === '');
  if (missing.length > 0) throw new MissingMergeFieldError(template.id, missing);
  const unknown = Object.keys(fields).filter((f) => !template.fields.includes(f));
  if (unknown.length > 0) throw new Error(`Template ${template.id} has no merge field(s) ${unknown.join(', ')}.`);
  const lang = templateLanguageFor(language);
  const t = template.text[lang];
  const shown: Record<string, string> = { ...fields };
  for (const [name, texts] of Object.entries(template.fieldTexts ?? {})) {
    const text = texts[lang][String(fields[name])];
    if (text === undefined) throw new Error(`Template ${template.id} has no ${lang} text for ${name} "${fields[name]}".`);
    shown[name] = text;
  }
  const secret = new Set(template.secretFields);
  const fill = (chunk: string, mask: boolean, html: boolean) =>
    chunk.replace(PLACEHOLDER, (_, name: string) => {
      const value = mask && secret.has(name) ? SECRET_MASK : String(shown[name]);
      return html ? escapeHtml(value) : value;
    });
  const build = (mask: boolean) => ({
    subject: fill(t.subject, mask, false),
    text: t.paragraphs.map((p) => fill(p, mask, false)).join('\n\n') + '\n',
    html: t.paragraphs.map((p) => `<p>${fill(escapeHtml(p), mask, true).replace(/\n/g, '<br>')}</p>`).join('\n'),
  });
  const full = build(false);
  return {
    templateId: template.id,
    language: lang,
    ...full,
    masked: build(true),
    secrets: Object.fromEntries(template.secretFields.map((f) => [f, String(fields[f])])),
  };
}
