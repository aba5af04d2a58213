/** The languages every template is written in; an account's language outside this set falls back to English. */
export const TEMPLATE_LANGUAGES = ['en', 'es'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** One language version of a template: `{{field}}` placeholders in the subject and paragraphs. */
export interface TemplateText {
  subject: string;
  /** Each paragraph becomes a blank-line-separated block in text and a `<p>` in HTML. */
  paragraphs: string[];
}

/**
 * A notification template. `fields` lists every merge field it uses; `secretFields`
 * are the ones (a one-time password) that the local outbox must not store in clear.
 */
export interface TemplateDefinition {
  id: string;
  description: string;
  fields: readonly string[];
  secretFields: readonly string[];
  text: Record<TemplateLanguage, TemplateText>;
  /**
   * Fields given as a code (a workflow stage id) and shown as that code's text in the message's
   * language; a code without a text is refused when rendering.
   */
  fieldTexts?: Readonly<Record<string, Record<TemplateLanguage, Readonly<Record<string, string>>>>>;
  /** Fixed wording (legal text): a distributor or reseller cannot change it (docs/NOTIFICATIONS.md). */
  locked?: boolean;
  /** Fields an edited wording must still contain besides the secret fields and the links (`…Url`). */
  keep?: readonly string[];
}

/** Declares a template (checks that every placeholder is a declared field, at load time). */
export function defineTemplate(def: TemplateDefinition): TemplateDefinition {
  for (const lang of TEMPLATE_LANGUAGES) {
    const t = def.text[lang];
    for (const chunk of [t.subject, ...t.paragraphs]) {
      for (const m of chunk.matchAll(/\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g)) {
        if (!def.fields.includes(m[1]!)) throw new Error(`Template ${def.id} (${lang}) uses {{${m[1]}}}, which is not among its fields.`);
      }
    }
  }
  for (const f of Object.keys(def.fieldTexts ?? {})) if (!def.fields.includes(f)) throw new Error(`Template ${def.id}: field ${f} has texts but is not a field.`);
  for (const s of def.secretFields) if (!def.fields.includes(s)) throw new Error(`Template ${def.id}: secret field ${s} is not a field.`);
  return def;
}
