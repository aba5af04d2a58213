import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ONE_TIME_PASSWORD_ALPHABET, oneTimePassword } from './one-time-password';

describe('oneTimePassword', () => {
  it('is four groups of five unambiguous characters for any random source', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), (draws) => {
        let i = 0;
        const p = oneTimePassword((n) => draws[i++]! % n);
        expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3}$/);
        expect(i).toBe(20);
      }),
    );
  });

  it('uses each draw as an index into the alphabet, so every character can appear', () => {
    const indices = Array.from({ length: 20 }, (_, k) => (k * 3) % ONE_TIME_PASSWORD_ALPHABET.length);
    let i = 0;
    const p = oneTimePassword(() => indices[i++]!);
    expect(p.replaceAll('-', '')).toBe(indices.map((k) => ONE_TIME_PASSWORD_ALPHABET[k]).join(''));
  });
});
