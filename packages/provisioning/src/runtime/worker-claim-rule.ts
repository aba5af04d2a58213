/** What the claim rule looks at in a worker's heartbeat row. */
export interface WorkerLiveness {
  workerId: string;
  heartbeatAt: Date;
  claimedBy: string | null;
}

/**
 * Whether `self` may take over `worker`'s pending runs at `now` (docs/decisions/0006): never
 * itself, never a worker heard from within the grace period (strictly older than `graceMs`), and
 * never a worker someone has already claimed since it last started. The SQL of the registry's
 * `claimNext` implements exactly this rule; the unit tests pin both to it.
 */
export function isClaimable(worker: WorkerLiveness, opts: { self: string; now: Date; graceMs: number }): boolean {
  if (worker.workerId === opts.self) return false;
  if (worker.claimedBy !== null) return false;
  return opts.now.getTime() - worker.heartbeatAt.getTime() > opts.graceMs;
}

/**
 * The heartbeat and grace periods a deployment may use: a grace shorter than two heartbeats would
 * declare a live worker dead after one late write.
 */
export function checkSweeperTimings(t: { heartbeatMs: number; graceMs: number }): string | undefined {
  if (!(t.heartbeatMs > 0)) return 'the heartbeat period must be positive';
  if (t.graceMs < 2 * t.heartbeatMs) return `the grace period (${t.graceMs} ms) must be at least two heartbeat periods (${2 * t.heartbeatMs} ms)`;
  return undefined;
}
