import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createBoundedCache } from './bounded-cache';

describe('bounded cache', () => {
  it('behaves as a least-recently-used map with a TTL, and never holds more than its cap', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 12 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('get' as const), key: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 400 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 1000 }), fc.array(op, { maxLength: 80 }), (maxEntries, ttlMs, ops) => {
        let now = 0;
        const cache = createBoundedCache<number>({ maxEntries, ttlMs, now: () => now });
        // The model: keys from least to most recently used, with when each was stored.
        let model: { key: string; value: number; storedAt: number }[] = [];
        for (const o of ops) {
          if (o.kind === 'wait') now += o.ms;
          else if (o.kind === 'set') {
            model = [...model.filter((e) => e.key !== String(o.key)), { key: String(o.key), value: o.value, storedAt: now }].slice(-maxEntries);
            cache.set(String(o.key), o.value);
          } else {
            const entry = model.find((e) => e.key === String(o.key));
            const live = entry && now - entry.storedAt < ttlMs;
            model = model.filter((e) => e.key !== String(o.key));
            if (entry && live) model.push(entry);
            expect(cache.get(String(o.key))).toBe(live ? entry.value : undefined);
          }
          expect(cache.size).toBeLessThanOrEqual(maxEntries);
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
