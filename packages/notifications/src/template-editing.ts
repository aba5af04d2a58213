import { renderTemplate, type RenderedMessage } from './render-template';
import { TEMPLATE_LANGUAGES, type TemplateDefinition, type TemplateLanguage, type TemplateText } from './templates/template-definition';

/** Limits on an edited wording, so that a message stays a message. */
export const EDIT_LIMITS = { subject: 200, paragraphs: 30, paragraph: 2000 } as const;

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_]*)\s*\}\}/g;

/** One reason an edited wording is refused, with the field it is about (`subject`, `paragraphs.2`). */
export interface TemplateTextProblem {
  field: string;
  message: string;
}

/** The merge fields an edited wording must keep: the secrets, the links (`…Url`) and the template's `keep` list. */
export function requiredMergeFields(def: TemplateDefinition): string[] {
  return def.fields.filter((f) => def.secretFields.includes(f) || /Url$/.test(f) || (def.keep ?? []).includes(f));
}

/**
 * Checks a distributor's or reseller's wording of a template: only the template's own merge fields
 * (a typo or a field of another message is named), the required ones still present, no stray braces,
 * within the limits, and never a locked template. Empty when it can be saved.
 */
export function checkTemplateText(def: TemplateDefinition, text: TemplateText): TemplateTextProblem[] {
  const problems: TemplateTextProblem[] = [];
  if (def.locked) return [{ field: 'templateId', message: `The wording of ${def.id} is fixed and cannot be changed.` }];
  const used = new Set<string>();
  const chunks: [string, string][] = [['subject', text.subject], ...text.paragraphs.map((p, i): [string, string] => [`paragraphs.${i}`, p])];
  if (text.subject.trim() === '') problems.push({ field: 'subject', message: 'The subject is empty.' });
  if (text.subject.length > EDIT_LIMITS.subject) problems.push({ field: 'subject', message: `The subject is longer than ${EDIT_LIMITS.subject} characters.` });
  if (/[\r\n]/.test(text.subject)) problems.push({ field: 'subject', message: 'The subject is one line.' });
  if (text.paragraphs.filter((p) => p.trim() !== '').length === 0) problems.push({ field: 'paragraphs', message: 'The message has no text.' });
  if (text.paragraphs.length > EDIT_LIMITS.paragraphs) problems.push({ field: 'paragraphs', message: `The message has more than ${EDIT_LIMITS.paragraphs} paragraphs.` });
  for (const [field, chunk] of chunks) {
    if (chunk.length > EDIT_LIMITS.paragraph) problems.push({ field, message: `Longer than ${EDIT_LIMITS.paragraph} characters.` });
    for (const m of chunk.matchAll(PLACEHOLDER)) {
      const name = m[1]!;
      if (!def.fields.includes(name)) problems.push({ field, message: `{{${name}}} is not a merge field of this message; use one of ${def.fields.map((f) => `{{${f}}}`).join(', ')}.` });
      else used.add(name);
    }
    const rest = chunk.replace(PLACEHOLDER, '');
    if (rest.includes('{{') || rest.includes('}}')) problems.push({ field, message: 'Unbalanced {{ or }}: write a merge field as {{name}}.' });
  }
  const missing = requiredMergeFields(def).filter((f) => !used.has(f));
  if (missing.length > 0) problems.push({ field: 'paragraphs', message: `The message must still contain ${missing.map((f) => `{{${f}}}`).join(', ')}.` });
  return problems;
}

/** Sample values for the preview and the test send: plausible, obviously examples. */
const SAMPLES: Record<string, Record<TemplateLanguage, string>> = {
  recipientName: { en: 'Alex Example', es: 'Alex Ejemplo' },
  companyName: { en: 'Contoso Example Ltd', es: 'Contoso Ejemplo S.L.' },
  customerName: { en: 'Contoso Example Ltd', es: 'Contoso Ejemplo S.L.' },
  partnerName: { en: 'Fabrikam Partner', es: 'Fabrikam Partner' },
  signatoryName: { en: 'Alex Example', es: 'Alex Ejemplo' },
  domain: { en: 'contosoexample.onmicrosoft.com', es: 'contosoejemplo.onmicrosoft.com' },
  adminSignInName: { en: 'admin@contosoexample.onmicrosoft.com', es: 'admin@contosoejemplo.onmicrosoft.com' },
  temporaryPassword: { en: 'Example-Password-1', es: 'Ejemplo-Clave-1' },
  tenantId: { en: '00000000-0000-4000-8000-000000000000', es: '00000000-0000-4000-8000-000000000000' },
  orderReference: { en: 'CSPH-EXAMPLE', es: 'CSPH-EJEMPLO' },
  products: { en: 'Microsoft 365 Business Standard × 5', es: 'Microsoft 365 Empresa Estándar × 5' },
  productName: { en: 'Microsoft 365 Business Standard', es: 'Microsoft 365 Empresa Estándar' },
  reason: { en: 'An example reason', es: 'Un motivo de ejemplo' },
  lastError: { en: 'HTTP 503', es: 'HTTP 503' },
  roles: { en: 'Helpdesk Administrator, User Administrator', es: 'Administrador del departamento de soporte, Administrador de usuarios' },
  relationshipName: { en: 'Example relationship', es: 'Relación de ejemplo' },
  durationDays: { en: '730', es: '730' },
  daysLeft: { en: '7', es: '7' },
  quantity: { en: '5', es: '5' },
  expiresAt: { en: '31 January 2027', es: '31 de enero de 2027' },
  endDate: { en: '31 January 2027', es: '31 de enero de 2027' },
  windowEndsAt: { en: '31 January 2027', es: '31 de enero de 2027' },
  url: { en: 'https://hooks.example.com/csphub', es: 'https://hooks.example.com/csphub' },
};

/** Sample merge values for a template in a language (a link field gets `<publicUrl>/…`; a coded field its first code). */
export function sampleFields(def: TemplateDefinition, language: TemplateLanguage, publicUrl: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of def.fields) {
    const coded = def.fieldTexts?.[f];
    if (coded) out[f] = Object.keys(coded[language])[0] ?? f;
    else if (/Url$/.test(f)) out[f] = `${publicUrl.replace(/\/$/, '')}/example`;
    else out[f] = SAMPLES[f]?.[language] ?? `[${f}]`;
  }
  return out;
}

/** The template with `text` in place of its built-in wording for `language`. */
export function withText(def: TemplateDefinition, language: TemplateLanguage, text: TemplateText): TemplateDefinition {
  return { ...def, text: { ...def.text, [language]: text } };
}

/** Renders a wording (saved or being edited) with the sample values, as the preview shows it. */
export function previewTemplate(def: TemplateDefinition, language: TemplateLanguage, text: TemplateText, publicUrl: string): RenderedMessage {
  return renderTemplate(withText(def, language, text), language, sampleFields(def, language, publicUrl));
}

export { TEMPLATE_LANGUAGES };
