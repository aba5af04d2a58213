import { describe, expect, it } from 'vitest';
import { openWorkflowSystemPool, type SystemPoolStall } from '../src/index';

/**
 * The embedded workflow system pool has one connection (decision 0005): a holder that does not let
 * go is reported with its last statement and the number of callers queued behind it.
 */
describe('workflow system pool stall watch', () => {
  it('names the statement holding the one connection and the callers waiting for it', async () => {
    const stalls: SystemPoolStall[] = [];
    const sys = await openWorkflowSystemPool({ onStall: (s) => stalls.push(s) });
    try {
      const holder = await sys.pool.connect();
      await holder.query("SELECT 'held by the test' AS who");
      const queued = sys.pool.query('SELECT 1 AS x');
      await new Promise((r) => setTimeout(r, 6_500));
      expect(stalls.length).toBeGreaterThan(0);
      expect(stalls.at(-1)).toMatchObject({ waiting: 1, lastStatement: "SELECT 'held by the test' AS who" });
      expect(stalls.at(-1)!.heldMs).toBeGreaterThanOrEqual(5_000);
      holder.release();
      await queued;
      const after = stalls.length;
      await new Promise((r) => setTimeout(r, 1_200));
      expect(stalls.length, 'nothing is reported once the connection is released').toBe(after);
    } finally {
      await sys.close();
    }
  }, 30_000);
});
