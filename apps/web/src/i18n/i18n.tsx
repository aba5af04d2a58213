import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey, type Messages } from './messages/en';
import { es } from './messages/es';

export const LOCALES = { en: { label: 'English', messages: en }, es: { label: 'Español', messages: es } } as const;
export type Locale = keyof typeof LOCALES;
const STORAGE_KEY = 'csphub.locale';

/** Replaces `{name}` placeholders; unknown placeholders are left visible so a bug shows. */
export function interpolate(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** ICU arguments with a form per number or choice (`{count, plural, one {# customer} other {# customers}}`). */
const ICU_ARGUMENT = /\{\s*\w+\s*,\s*(plural|select|selectordinal)\s*,/;

/**
 * A message in `locale`: ICU MessageFormat (plurals by the language's rules, through
 * intl-messageformat) when it has a plural or select argument, else plain `{name}` placeholders.
 */
export function formatMessage(template: string, locale: string, vars?: Record<string, string | number>): string {
  if (!ICU_ARGUMENT.test(template)) return interpolate(template, vars);
  return String(new IntlMessageFormat(template, locale).format(vars ?? {}));
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  formatDate(value: Date | string | number, style?: 'date' | 'dateTime' | 'time'): string;
  formatNumber(value: number): string;
  formatCurrency(value: number, currency: string): string;
  formatRelative(value: Date | string | number, now?: Date): string;
}

const I18nContext = createContext<I18n | null>(null);

/**
 * The language in use, for code that turns a failure into text outside a component's render (an
 * event handler's catch): the provider keeps it current. Components use `useI18n()`.
 */
let current: I18n | undefined;
export function currentI18n(): I18n | undefined {
  return current;
}

function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved && saved in LOCALES) return saved as Locale;
  const nav = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en';
  return nav in LOCALES ? (nav as Locale) : 'en';
}

/** Provides text and locale-aware formatting (dates, numbers, currencies) to the whole UI. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  // Screen readers and the browser read the page in its language, from the first render on.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages: Messages = LOCALES[locale].messages;
    const toDate = (v: Date | string | number) => (v instanceof Date ? v : new Date(v));
    return {
      locale,
      setLocale,
      t: (key, vars) => formatMessage(messages[key] ?? en[key] ?? key, locale, vars),
      formatDate: (v, style = 'date') =>
        new Intl.DateTimeFormat(locale, style === 'date' ? { dateStyle: 'medium' } : style === 'time' ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(toDate(v)),
      formatNumber: (v) => new Intl.NumberFormat(locale).format(v),
      formatCurrency: (v, currency) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(v),
      formatRelative: (v, now = new Date()) => {
        const seconds = Math.round((toDate(v).getTime() - now.getTime()) / 1000);
        const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
        const abs = Math.abs(seconds);
        if (abs < 60) return rtf.format(seconds, 'second');
        if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
        if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
        return rtf.format(Math.round(seconds / 86400), 'day');
      },
    };
  }, [locale, setLocale]);
  useEffect(() => {
    current = value;
  }, [value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
