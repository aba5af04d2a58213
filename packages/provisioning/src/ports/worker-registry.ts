/**
 * Where workflow workers record that they are alive and where a live worker claims a dead one
 * (docs/decisions/0006). Implemented in @csphub/db over the application database; every time is
 * the database server's clock, so workers with skewed clocks agree on who is late.
 */
export interface WorkerRegistry {
  /**
   * Records `workerId` as alive now (at start-up, before the engine launches, and every heartbeat).
   * Clears a claim on it: a worker that was presumed dead and comes back owns only what it starts
   * from now on. Waits while another worker is taking it over, so a worker restarting with its old
   * id never recovers runs that are being handed off at that moment.
   */
  beat(workerId: string): Promise<{ wasClaimedBy: string | null }>;
  /**
   * Claims one dead worker for `self` (the claim rule: another worker, unclaimed, heartbeat older
   * than `graceMs`) and runs `takeOver` while holding the claim. The claim is committed, with one
   * history row, only if `takeOver` succeeds; two sweepers never both get the same worker.
   * Resolves undefined when no worker is claimable.
   */
  claimNext(self: string, graceMs: number, takeOver: (deadWorkerId: string) => Promise<number>): Promise<{ workerId: string; resumedRuns: number } | undefined>;
}
