import { sql } from 'drizzle-orm';
import type { Database } from './database';
import { rowsOf } from './companies.repo';

/**
 * The Partner Center call budget shared by every worker on this database (the client's
 * `SharedRateBudget`): one atomic statement per call on a throttled operation.
 */
export function createPartnerCenterBudgetRepo(db: Database) {
  return {
    /**
     * Takes one call from `key`'s budget at `nowMs` (GCRA: `intervalMs` between calls on average, a burst up to
     * `toleranceMs` ahead of that) and resolves 0, or takes nothing and resolves the milliseconds
     * until the budget has room. The upsert locks the key's row, so concurrent takers queue on it
     * and each sees the previous one's call.
     */
    async take(key: string, slot: { intervalMs: number; toleranceMs: number }, nowMs: number): Promise<number> {
      const interval = sql`${slot.intervalMs}::float8`;
      const tolerance = sql`${slot.toleranceMs}::float8`;
      const [row] = rowsOf<{ taken: number | string; wait_ms: number | null }>(
        await db.execute(sql`
          with clock as (select ${nowMs}::float8 as now_ms),
          taken as (
            insert into partner_center_budgets as b (key, tat_ms)
            select ${key}, now_ms + ${interval} from clock
            on conflict (key) do update
              set tat_ms = greatest(b.tat_ms, (select now_ms from clock)) + ${interval}
              where greatest(b.tat_ms, (select now_ms from clock)) - (select now_ms from clock) <= ${tolerance} + 1e-6
            returning b.tat_ms
          )
          select (select count(*) from taken) as taken,
                 (select b.tat_ms - c.now_ms - ${tolerance} from partner_center_budgets b, clock c where b.key = ${key}) as wait_ms`),
      );
      if (Number(row?.taken ?? 0) > 0) return 0;
      return Math.max(1, Number(row?.wait_ms ?? 1));
    },
  };
}
export type PartnerCenterBudgetRepo = ReturnType<typeof createPartnerCenterBudgetRepo>;
