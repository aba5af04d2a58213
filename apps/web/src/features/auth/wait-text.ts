import type { I18n } from '../../i18n/i18n';

/** "30 seconds" / "4 minutes" for a Retry-After in seconds (a minute when the server said nothing). */
export function waitText(t: I18n['t'], retryAfterSeconds: number | undefined): string {
  const s = retryAfterSeconds ?? 60;
  return s < 60 ? t('wait.seconds', { n: s }) : t('wait.minutes', { n: Math.ceil(s / 60) });
}
