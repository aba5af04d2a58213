import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from './app-error';
import { ERROR_CODES } from './error-codes';

describe('AppError', () => {
  it('survives a round trip through JSON, as in the workflow journal', () => {
    const original = new AppError('DOMAIN_PREFIX_TAKEN', 'contoso.onmicrosoft.com is taken', [
      { field: 'domainPrefix', message: 'Choose another prefix' },
    ]);
    const revived = AppError.fromJSON(JSON.parse(JSON.stringify(original)));
    expect(revived).toBeInstanceOf(AppError);
    expect(revived?.code).toBe('DOMAIN_PREFIX_TAKEN');
    expect(revived?.details).toEqual([{ field: 'domainPrefix', message: 'Choose another prefix' }]);
    expect(revived?.retryable).toBe(false);
  });

  it('does not mistake other objects for AppErrors', () => {
    expect(isAppError({ name: 'AppError', code: 'NOT_A_CODE', message: 'x' })).toBe(false);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(AppError.fromJSON(null)).toBeUndefined();
  });

  it('documents every code with a status in the 4xx/5xx range', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.when.length, code).toBeGreaterThan(10);
    }
  });
});
