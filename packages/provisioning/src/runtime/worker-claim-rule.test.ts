import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkSweeperTimings, isClaimable, type WorkerLiveness } from './worker-claim-rule';

const GRACE = 60_000;
const now = new Date('2026-11-24T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

const workerArb = fc.record({
  workerId: fc.constantFrom('w1', 'w2', 'w3', 'w4'),
  ageMs: fc.integer({ min: -5_000, max: 3 * GRACE }),
  claimedBy: fc.option(fc.constantFrom('w1', 'w2', 'w3', 'w4'), { nil: null }),
});
const toLiveness = (w: { workerId: string; ageMs: number; claimedBy: string | null }): WorkerLiveness => ({
  workerId: w.workerId,
  heartbeatAt: ago(w.ageMs),
  claimedBy: w.claimedBy,
});

describe('the claim rule', () => {
  it('takes over a worker silent for longer than the grace period, and only such a worker', () => {
    expect(isClaimable({ workerId: 'a', heartbeatAt: ago(GRACE + 1), claimedBy: null }, { self: 'b', now, graceMs: GRACE })).toBe(true);
    expect(isClaimable({ workerId: 'a', heartbeatAt: ago(GRACE), claimedBy: null }, { self: 'b', now, graceMs: GRACE })).toBe(false);
    expect(isClaimable({ workerId: 'a', heartbeatAt: ago(10_000), claimedBy: null }, { self: 'b', now, graceMs: GRACE })).toBe(false);
  });

  it('never lets a worker claim itself, a worker heard within the grace period, or a claimed worker', () => {
    fc.assert(
      fc.property(workerArb, fc.constantFrom('w1', 'w2', 'w3', 'w4'), (w, self) => {
        const claimable = isClaimable(toLiveness(w), { self, now, graceMs: GRACE });
        if (w.workerId === self || w.ageMs <= GRACE || w.claimedBy !== null) expect(claimable).toBe(false);
        else expect(claimable).toBe(true);
      }),
    );
  });

  it('stays claimable as time passes without a heartbeat (a dead worker is not forgotten)', () => {
    fc.assert(
      fc.property(workerArb, fc.integer({ min: 0, max: 10 * GRACE }), (w, later) => {
        const opts = { self: 'me', now, graceMs: GRACE };
        if (isClaimable(toLiveness(w), opts)) expect(isClaimable(toLiveness(w), { ...opts, now: new Date(now.getTime() + later) })).toBe(true);
      }),
    );
  });

  it('hands each dead worker to exactly one of several sweepers, whatever order they run in', () => {
    // The model of the registry's conditional UPDATE: sweepers take turns, a claim marks the row.
    fc.assert(
      fc.property(
        fc.uniqueArray(workerArb, { selector: (w) => w.workerId, minLength: 1 }),
        fc.array(fc.constantFrom('w1', 'w2', 'w3', 'w4'), { minLength: 1, maxLength: 12 }),
        (rows, turns) => {
          const table = rows.map((w) => ({ ...toLiveness(w), claimedBy: null as string | null }));
          const claims: string[] = [];
          for (const self of turns) {
            const row = table.find((w) => isClaimable(w, { self, now, graceMs: GRACE }));
            if (row) {
              row.claimedBy = self;
              claims.push(row.workerId);
            }
          }
          expect(new Set(claims).size).toBe(claims.length);
          for (const id of claims) expect(rows.find((w) => w.workerId === id)!.ageMs).toBeGreaterThan(GRACE);
          for (const row of table) if (row.claimedBy) expect(row.claimedBy).not.toBe(row.workerId);
        },
      ),
    );
  });
});

describe('sweeper timings', () => {
  it('refuses a grace period shorter than two heartbeats', () => {
    expect(checkSweeperTimings({ heartbeatMs: 10_000, graceMs: 60_000 })).toBeUndefined();
    expect(checkSweeperTimings({ heartbeatMs: 10_000, graceMs: 15_000 })).toMatch(/at least two heartbeat periods/);
    expect(checkSweeperTimings({ heartbeatMs: 0, graceMs: 15_000 })).toMatch(/positive/);
  });
});
