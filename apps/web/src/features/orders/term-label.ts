import type { I18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';

/** "1 year, monthly billing" in the UI's language. */
export function termLabel(t: I18n['t'], duration: string, billingCycle: string): string {
  const term = t(`catalog.term.${duration}` as MessageKey);
  const cycle = t(`catalog.cycle.${billingCycle.toLowerCase()}` as MessageKey);
  return `${term}, ${cycle}`;
}
