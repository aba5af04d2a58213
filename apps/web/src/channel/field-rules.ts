import {
  SUPPORTED_COUNTRIES,
  companyNameProblem,
  countryRules,
  emailProblem,
  isFreeMail,
  isValidDomainName,
  normalizePostalCode,
  phoneProblem,
  findState,
} from '@csphub/domain';
import type { MessageKey } from '../i18n/messages/en';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The country list for pickers, with names in the UI's language. */
export function countryOptions(locale: string) {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  return SUPPORTED_COUNTRIES.map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` })).sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** A country's display name. */
export function countryName(code: string | null, locale: string): string | null {
  if (!code) return null;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Validators as you type, using the same domain rules as the server and the checklist. */
export function fieldRules(t: T) {
  return {
    name: (v: string) => {
      const p = companyNameProblem(v);
      return p ? t(`validation.name.${p}`) : null;
    },
    domain: (v: string) => (v.trim() && !isValidDomainName(v.trim()) ? t('validation.domain') : null),
    email: (v: string) => {
      if (!v.trim()) return null;
      const p = emailProblem(v, { requireCorporate: false });
      return p === 'invalid' ? t('validation.email') : p === 'refused-domain' ? t('validation.emailRefused') : null;
    },
    emailWarn: (requireCorporate: boolean) => (v: string) => (requireCorporate && v.trim() && isFreeMail(v.trim()) ? t('validation.freeMail') : null),
    phone: (v: string) => {
      if (!v.trim()) return null;
      return phoneProblem(v) ? t('validation.phone') : null;
    },
    postalCode: (country: string | null) => (v: string) => {
      const rules = countryRules(country);
      if (!v.trim() || !rules?.postalCodePattern) return null;
      return rules.postalCodePattern.test(normalizePostalCode(v)) ? null : t('validation.postalCode', { example: rules.postalCodeExample ?? '' });
    },
    state: (country: string | null) => (v: string) => {
      const rules = countryRules(country);
      if (!v.trim() || !rules?.states || !rules.stateRequired) return null;
      return findState(rules, v) ? null : t('validation.state');
    },
    registrationNumber: (country: string | null) => (v: string) => {
      const rules = countryRules(country);
      if (!v.trim() || !rules?.registrationNumberPattern) return null;
      return rules.registrationNumberPattern.test(v.trim()) ? null : t('validation.registrationNumber', { example: rules.registrationNumberExample ?? '' });
    },
    partnerId: (v: string) => (v.trim() && !/^\d{5,10}$/.test(v.trim()) ? t('validation.partnerId') : null),
    partnerLocationId: (v: string) => (v.trim() && !/^\d{5,10}$/.test(v.trim()) ? t('validation.partnerLocationId') : null),
  };
}

/** State options for a country that lists them. */
export function stateOptions(country: string | null) {
  return countryRules(country)?.states?.map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }));
}

/** A state shown with its name when the country lists states ("Jalisco (JAL)"). */
export function stateName(country: string | null, state: string | null): string | null {
  if (!state) return null;
  const rules = countryRules(country);
  const found = rules ? findState(rules, state) : undefined;
  return found ? `${found.name} (${found.code})` : state;
}
