import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey, Messages } from './messages/en';

/**
 * The languages, each with its catalogue as a chunk of its own: the first load fetches only the
 * language in use (main.tsx waits for it before the first render), the other one when the person
 * switches to it.
 */
export const LOCALES = {
  en: { label: 'English', load: () => import('./messages/en').then((m): Messages => m.en) },
  es: { label: 'Español', load: () => import('./messages/es').then((m) => m.es) },
} as const;
export type Locale = keyof typeof LOCALES;

const loading = new Map<Locale, Promise<Messages>>();
const loaded = new Map<Locale, Messages>();
/** A language's catalogue, fetched once; a failed fetch is tried again on the next call. */
export function loadMessages(locale: Locale): Promise<Messages> {
  let messages = loading.get(locale);
  if (!messages) {
    messages = LOCALES[locale].load().then((m) => (loaded.set(locale, m), m));
    messages.catch(() => loading.delete(locale));
    loading.set(locale, messages);
  }
  return messages;
}

/**
 * Whether `key`, built from data (a problem code, a field), has a text in the catalogues loaded so
 * far (every language has the same keys, `messages/catalogues.test.ts`); for code outside a
 * component, which uses `useI18n().has`.
 */
export function hasMessage(key: string): key is MessageKey {
  return [...loaded.values()].some((messages) => Object.hasOwn(messages, key));
}
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
  /**
   * Switches language once its catalogue has arrived (the page keeps the current one meanwhile);
   * false when it could not be fetched (offline, a new version deployed), the page still in its language.
   */
  setLocale(locale: Locale): Promise<boolean>;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** Whether `key`, built from data (a code, a step), has a text; else the caller says something generic. */
  has(key: string): key is MessageKey;
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

/** The language to start in: the one chosen before, else the browser's when there is one, else English. */
export function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved && saved in LOCALES) return saved as Locale;
  const nav = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en';
  return nav in LOCALES ? (nav as Locale) : 'en';
}

/**
 * Provides text and locale-aware formatting (dates, numbers, currencies) to the whole UI, starting
 * in `locale` with its catalogue `messages` (from `loadMessages`).
 */
export function I18nProvider({ locale: startLocale, messages: startMessages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  const [{ locale, messages }, setLanguage] = useState({ locale: startLocale, messages: startMessages });
  // Screen readers and the browser read the page in its language, from the first render on.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback(async (l: Locale) => {
    // Offline or a failed fetch: the page stays in its language (the switcher shows it still) and the caller says so.
    const next = await loadMessages(l).catch(() => undefined);
    if (!next) return false;
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    setLanguage({ locale: l, messages: next });
    return true;
  }, []);
  const value = useMemo<I18n>(() => {
    const toDate = (v: Date | string | number) => (v instanceof Date ? v : new Date(v));
    return {
      locale,
      setLocale,
      t: (key, vars) => formatMessage(messages[key] ?? key, locale, vars),
      has: (key): key is MessageKey => Object.hasOwn(messages, key),
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
  }, [locale, messages, setLocale]);
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
