import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strongPasswordGenerator } from './strong-password';

describe('strongPasswordGenerator', () => {
  it('always meets Entra’s rule with every character class, and never repeats', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.constant(null), () => {
        const p = strongPasswordGenerator.generate();
        expect(p).toHaveLength(16);
        for (const cls of [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/]) expect(p).toMatch(cls);
        expect(p).not.toMatch(/[0O1lI\s]/);
        expect(seen.has(p)).toBe(false);
        seen.add(p);
      }),
      { numRuns: 500 },
    );
  });
});
