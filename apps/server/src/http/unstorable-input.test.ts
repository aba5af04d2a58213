import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findUnstorableValue, MAX_STORED_INTEGER } from './unstorable-input';

/** JSON values the database stores as they are: no NUL character, whole numbers within `integer`. */
const storable = fc.jsonValue({ maxDepth: 3 }).filter((v) => !JSON.stringify(v).includes('\\u0000')).map((v) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'number' && Number.isInteger(x) && Math.abs(x) > MAX_STORED_INTEGER ? 0 : x))) as unknown);

describe('findUnstorableValue', () => {
  it('finds nothing in a storable value', () => {
    fc.assert(fc.property(storable, (v) => {
        expect(findUnstorableValue(v)).toBeUndefined();
      }), { seed: 3, numRuns: 300 });
  });

  it('names the path of a NUL character or an out-of-range whole number placed anywhere', () => {
    const bad = fc.oneof(
      fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) => `${a}\u0000${b}`),
      fc.integer({ min: MAX_STORED_INTEGER + 1, max: Number.MAX_SAFE_INTEGER }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -MAX_STORED_INTEGER - 1 }),
    );
    const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => !k.includes('\u0000') && k !== '__proto__');
    fc.assert(
      fc.property(fc.array(fc.oneof(key, fc.nat(3)), { maxLength: 4 }), bad, (path, value) => {
        // Build the container around the bad value, following the path (numbers as array indexes).
        let wrapped: unknown = value;
        for (const step of [...path].reverse()) {
          if (typeof step === 'number') wrapped = [...Array.from({ length: step }, () => 'ok'), wrapped];
          else wrapped = { [step]: wrapped };
        }
        expect(findUnstorableValue(wrapped)?.at).toEqual(path);
      }),
      { seed: 5, numRuns: 300 },
    );
  });

  it('accepts the integer bounds themselves and fractions', () => {
    expect(findUnstorableValue({ a: MAX_STORED_INTEGER, b: -MAX_STORED_INTEGER, c: 1e12 + 0.5 })).toBeUndefined();
    expect(findUnstorableValue({ a: MAX_STORED_INTEGER + 1 })?.at).toEqual(['a']);
    expect(findUnstorableValue({ ['k\u0000']: 1 })?.at).toEqual(['k\u0000']);
  });
});
