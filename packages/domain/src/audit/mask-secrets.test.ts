import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MASK, changedFields, maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('never lets a secret value through, at any depth', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }).filter((s) => s !== MASK), fc.constantFrom('appSecret', 'refreshToken', 'password', 'clientSecret', 'token'), (secret, key) => {
        const masked = maskSecrets({ a: { [key]: secret, b: [{ [key]: secret }] }, name: 'x' });
        return !JSON.stringify(masked).includes(JSON.stringify(secret).slice(1, -1)) || secret.length < 3;
      }),
    );
  });
  it('keeps ordinary fields and "is a secret set" flags', () => {
    expect(maskSecrets({ name: 'EU', hasAppSecret: true, appSecret: 'x', refreshToken: null })).toEqual({ name: 'EU', hasAppSecret: true, appSecret: MASK, refreshToken: null });
  });
  it('lists changed fields only', () => {
    expect(changedFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: undefined })).toEqual(['b']);
  });
});
