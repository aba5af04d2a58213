import { beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, loadMessages } from './i18n';
import { en } from './messages/en';
import { es } from './messages/es';
import { problemText } from './problem-text';
import { ApiError } from '../api/api-client';

describe('counted text follows each language’s plural rules (ICU)', () => {
  it('says "1 customer" and "2 customers", "1 cliente" and "2 clientes"', () => {
    expect(formatMessage(en['home.channel.customers'], 'en', { count: 1 })).toBe('1 customer');
    expect(formatMessage(en['home.channel.customers'], 'en', { count: 2 })).toBe('2 customers');
    expect(formatMessage(es['home.channel.customers'], 'es', { count: 1 })).toBe('1 cliente');
    expect(formatMessage(es['home.channel.customers'], 'es', { count: 1200 })).toBe('1200 clientes');
    expect(formatMessage(en['wait.seconds'], 'en', { n: 1 })).toBe('1 second');
    expect(formatMessage(es['wait.minutes'], 'es', { n: 1 })).toBe('1 minuto');
  });
  it('keeps plain placeholders as they were', () => {
    expect(formatMessage('Hello {name}', 'en', { name: 'Ana' })).toBe('Hello Ana');
    expect(formatMessage('Hello {name}', 'en')).toBe('Hello {name}');
  });
});

describe('problems are written for the person, in their language', () => {
  // Fields and codes are looked up in the catalogues the app has loaded.
  beforeAll(() => loadMessages('en'));
  const t = (locale: 'en' | 'es') => (key: keyof typeof en, vars?: Record<string, string | number>) => formatMessage((locale === 'en' ? en : es)[key], locale, vars);
  it('names the field, never the API path or the validator’s English', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', 'The request json is not valid: to.0: Invalid email address', 'r-1', [{ field: 'to.0', message: 'Invalid email address' }]);
    expect(problemText(t('en'), e, 'en')).toBe('Check these values: To.');
    expect(problemText(t('es'), e, 'es')).toBe('Revise estos valores: Para.');
  });
  it('says Microsoft is unavailable and when to retry, in Spanish too', () => {
    const e = new ApiError(503, 'PARTNER_CENTER_UNAVAILABLE', 'Microsoft Partner Center is not available right now. Nothing was changed; try again in 30 seconds.', 'r-2', [], 30);
    expect(problemText(t('es'), e, 'es')).toBe('Microsoft Partner Center no está disponible ahora. No se ha cambiado nada; vuelva a intentarlo en 30 segundos.');
  });
});
