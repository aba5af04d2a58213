import { describe, expect, it } from 'vitest';
import type { WorkerRegistry } from '../ports/worker-registry';
import { isClaimable, type WorkerLiveness } from './worker-claim-rule';
import { startWorkerSweeper, type WorkerSweeperEvent } from './worker-sweeper';

/** An in-memory registry following the claim rule, with a clock the test moves. */
function memoryRegistry() {
  let now = 0;
  const rows = new Map<string, WorkerLiveness>();
  const claims: { workerId: string; claimedBy: string; resumedRuns: number }[] = [];
  const registry: WorkerRegistry = {
    async beat(workerId) {
      const wasClaimedBy = rows.get(workerId)?.claimedBy ?? null;
      rows.set(workerId, { workerId, heartbeatAt: new Date(now), claimedBy: null });
      return { wasClaimedBy };
    },
    async claimNext(self, graceMs, takeOver) {
      const row = [...rows.values()].find((w) => isClaimable(w, { self, now: new Date(now), graceMs }));
      if (!row) return undefined;
      const resumedRuns = await takeOver(row.workerId); // throws: nothing is recorded, as a rolled-back transaction
      row.claimedBy = self;
      claims.push({ workerId: row.workerId, claimedBy: self, resumedRuns });
      return { workerId: row.workerId, resumedRuns };
    },
  };
  return { registry, rows, claims, advance: (ms: number) => (now += ms) };
}

const timings = { heartbeatMs: 10_000, graceMs: 60_000 };

describe('worker sweeper', () => {
  it("resumes a silent worker's runs once, and leaves live workers alone", async () => {
    const m = memoryRegistry();
    const pending: Record<string, string[]> = { dead: ['run-1', 'run-2'], alive: ['run-3'] };
    const resumed: string[] = [];
    const events: WorkerSweeperEvent[] = [];
    const sweeper = startWorkerSweeper({
      registry: m.registry,
      workerId: 'me',
      resumeRunsOf: async (id) => {
        const ids = pending[id] ?? [];
        resumed.push(...ids);
        return ids;
      },
      ...timings,
      onEvent: (e) => events.push(e),
    });
    try {
      await m.registry.beat('dead');
      m.advance(61_000);
      await m.registry.beat('alive');
      await sweeper.beat();
      expect(await sweeper.sweep()).toEqual([{ workerId: 'dead', resumedRuns: 2 }]);
      expect(await sweeper.sweep()).toEqual([]);
      expect(resumed).toEqual(['run-1', 'run-2']);
      expect(events).toEqual([{ kind: 'claimed', deadWorkerId: 'dead', resumedRuns: 2 }]);
    } finally {
      await sweeper.stop();
    }
  });

  it('keeps a worker claimable when handing its runs back fails, and succeeds on the next sweep', async () => {
    const m = memoryRegistry();
    let fail = true;
    const sweeper = startWorkerSweeper({
      registry: m.registry,
      workerId: 'me',
      resumeRunsOf: async () => {
        if (fail) throw new Error('system database unreachable');
        return ['run-1'];
      },
      ...timings,
    });
    try {
      await m.registry.beat('dead');
      m.advance(61_000);
      await expect(sweeper.sweep()).rejects.toThrow('unreachable');
      expect(m.claims).toEqual([]);
      fail = false;
      expect(await sweeper.sweep()).toEqual([{ workerId: 'dead', resumedRuns: 1 }]);
    } finally {
      await sweeper.stop();
    }
  });

  it('tells a worker that was presumed dead and came back, which then becomes claimable again only after a new silence', async () => {
    const m = memoryRegistry();
    const events: WorkerSweeperEvent[] = [];
    const slow = startWorkerSweeper({ registry: m.registry, workerId: 'slow', resumeRunsOf: async () => [], ...timings, onEvent: (e) => events.push(e) });
    const other = startWorkerSweeper({ registry: m.registry, workerId: 'other', resumeRunsOf: async () => ['run-1'], ...timings });
    try {
      await slow.beat();
      m.advance(61_000);
      await other.beat();
      expect(await other.sweep()).toHaveLength(1);
      await slow.beat();
      expect(events).toEqual([{ kind: 'was-claimed', claimedBy: 'other' }]);
      expect(await other.sweep()).toEqual([]);
    } finally {
      await slow.stop();
      await other.stop();
    }
  });

  it('refuses timings that would declare a live worker dead after one late heartbeat', () => {
    const m = memoryRegistry();
    expect(() => startWorkerSweeper({ registry: m.registry, workerId: 'me', resumeRunsOf: async () => [], heartbeatMs: 10_000, graceMs: 10_000 })).toThrow(
      /at least two heartbeat periods/,
    );
  });
});
