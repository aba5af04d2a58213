import { ApiError } from '../api/api-client';
import { currentI18n, hasMessage as has, type I18n } from './i18n';

/** A field path of the API (`to.0`, `billingPostalCode`) as the label a person knows, in their language. */
export function fieldLabel(t: I18n['t'], field: string | undefined): string {
  const base = (field ?? '').split('.').find((part) => part !== '' && !/^\d+$/.test(part)) ?? '';
  const key = `problem.field.${base}`;
  return has(key) ? t(key) : t('problem.field.unknown');
}

/**
 * What went wrong, written for the person in their language: each problem code the API answers
 * has its sentence (`problem.<CODE>`); a field that is not valid is named by its label, never by
 * the API's path or the validator's English. In English the server's own sentence is shown (it
 * is written for people and names what is wrong); other languages get the code's sentence.
 */
export function problemText(t: I18n['t'], e: unknown, locale = 'en'): string {
  if (!(e instanceof ApiError)) return t('problem.UNKNOWN');
  if (e.code === 'VALIDATION_FAILED' && e.errors.length > 0) {
    const fields = [...new Set(e.errors.filter((x) => x.field !== 'microsoft').map((x) => fieldLabel(t, x.field)))];
    return t('problem.VALIDATION_FAILED.fields', { fields: fields.join(', ') });
  }
  // The API's sentences are English and written for people (they name the company, the count, the
  // reason); another language gets the code's sentence from the catalogue.
  if (locale === 'en' && e.code !== 'NETWORK' && e.code !== 'UNKNOWN' && e.message) return e.message;
  const key = `problem.${e.code}`;
  if (has(key)) return t(key, { seconds: e.retryAfter ?? 30 });
  return t(e.status >= 500 ? 'problem.INTERNAL' : 'problem.UNKNOWN');
}

/**
 * The line under the message for support: Microsoft's code and description (when Microsoft was
 * involved) and the request id to quote. Empty when there is nothing to quote.
 */
export function problemDetails(t: I18n['t'], e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  const microsoft = e.errors.find((x) => x.field === 'microsoft')?.message;
  const parts = [microsoft ? t('problem.details.microsoft', { text: microsoft }) : null, e.requestId ? t('problem.details.requestId', { id: e.requestId }) : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** {@link problemText} in the language in use (for catch blocks and error states). */
export function describeProblem(e: unknown): string {
  const i18n = currentI18n();
  if (!i18n) return e instanceof Error ? e.message : String(e);
  return problemText(i18n.t, e, i18n.locale);
}
