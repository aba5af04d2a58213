import { ApiError } from '../../api/api-client';
import type { I18n } from '../../i18n/i18n';

const TRANSLATED = ['OWN_ACCESS_LOCKED', 'ROLE_NOT_ALLOWED', 'EMAIL_TAKEN', 'FORBIDDEN', 'NOT_FOUND', 'NETWORK'] as const;

/**
 * A failed change to a person, in the UI's language when the problem code is one the people
 * screens know; otherwise the server's own sentence (it always says what to do).
 */
export function peopleErrorMessage(t: I18n['t'], e: unknown): string {
  if (e instanceof ApiError) {
    const known = TRANSLATED.find((code) => code === e.code);
    return known ? t(`people.error.${known}`) : e.message;
  }
  return String(e);
}
