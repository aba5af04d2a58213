import { describe, expect, it } from 'vitest';
import { PartnerCenterError, isPartnerCenterError } from './partner-center-error';

const sample = () =>
  new PartnerCenterError({
    code: 'MCA_MISSING',
    message: 'Partner Center carts.checkout failed: MCA missing',
    status: 403,
    microsoftCode: '13605',
    description: 'Either a partner confirmation ...',
    requestId: 'req-1',
    correlationId: 'cor-1',
    transient: false,
    operation: 'carts.checkout',
    connectionId: 'conn-1',
    attempts: 1,
    cause: new Error('inner'),
  });

describe('PartnerCenterError', () => {
  it('survives a trip through the workflow journal (JSON) with every field', () => {
    const original = sample();
    const plain: unknown = JSON.parse(JSON.stringify(original));
    expect(isPartnerCenterError(plain)).toBe(true);
    expect(isPartnerCenterError(plain, 'MCA_MISSING')).toBe(true);
    expect(isPartnerCenterError(plain, 'THROTTLED')).toBe(false);
    const revived = PartnerCenterError.fromJSON(plain as never);
    expect(revived).toBeInstanceOf(PartnerCenterError);
    expect(revived.toJSON()).toEqual(original.toJSON());
    expect(revived.message).toBe(original.message);
  });

  it('is recognised by name and code, not by instanceof alone', () => {
    expect(
      isPartnerCenterError({ name: 'PartnerCenterError', code: 'THROTTLED', transient: true, message: 'x' }),
    ).toBe(true);
    expect(isPartnerCenterError({ name: 'PartnerCenterError', code: 'NOT_A_CODE', transient: true })).toBe(
      false,
    );
    expect(isPartnerCenterError(new Error('x'))).toBe(false);
    expect(isPartnerCenterError(null)).toBe(false);
  });

  it('refuses to revive something that is not one', () => {
    expect(() => PartnerCenterError.fromJSON({ name: 'Error' } as never)).toThrow(TypeError);
  });

  it('adds context without losing the cause', () => {
    const e = sample().with({ attempts: 3 });
    expect(e.attempts).toBe(3);
    expect((e.cause as Error).message).toBe('inner');
  });
});
