/** Counters for one operation (or for all of them). */
export interface OperationCounters {
  /** Logical calls finished (each counted once, however many attempts it took). */
  calls: number;
  /** Calls that ended in an error. */
  failures: number;
  /** HTTP requests sent, retries included. */
  attempts: number;
  /** Attempts beyond the first. */
  retries: number;
  /** Attempts answered 429. */
  throttled: number;
  /** Sum of call durations, retries and waits included. */
  totalDurationMs: number;
  /** Time spent queued in the rate limiter. */
  limiterWaitMs: number;
  /** Final statuses (`"200"`, `"404"`, `"network"`, `"timeout"`) and how often each occurred. */
  statuses: Record<string, number>;
}

/** A point-in-time copy of the metrics. */
export interface PartnerCenterMetricsSnapshot {
  total: OperationCounters;
  byOperation: Record<string, OperationCounters>;
  tokenRequests: number;
  tokenFailures: number;
}

/**
 * What the client counts, so a metrics endpoint can expose it later. One instance can be shared by
 * every client of a process (pass it in) or read from `client.metrics`.
 */
export interface PartnerCenterMetrics {
  recordAttempt(operation: string, status: number | 'network' | 'timeout', isRetry: boolean): void;
  recordCall(
    operation: string,
    outcome: {
      status: number | 'network' | 'timeout' | 'cancelled' | 'invalid';
      failed: boolean;
      durationMs: number;
      limiterWaitMs: number;
    },
  ): void;
  recordToken(ok: boolean): void;
  snapshot(): PartnerCenterMetricsSnapshot;
}

const emptyCounters = (): OperationCounters => ({
  calls: 0,
  failures: 0,
  attempts: 0,
  retries: 0,
  throttled: 0,
  totalDurationMs: 0,
  limiterWaitMs: 0,
  statuses: {},
});

/** An in-memory metrics store. */
export function createPartnerCenterMetrics(): PartnerCenterMetrics {
  const total = emptyCounters();
  const byOperation = new Map<string, OperationCounters>();
  let tokenRequests = 0;
  let tokenFailures = 0;
  const of = (op: string) => {
    let c = byOperation.get(op);
    if (!c) byOperation.set(op, (c = emptyCounters()));
    return c;
  };
  return {
    recordAttempt(operation, status, isRetry) {
      for (const c of [total, of(operation)]) {
        c.attempts++;
        if (isRetry) c.retries++;
        if (status === 429) c.throttled++;
      }
    },
    recordCall(operation, outcome) {
      for (const c of [total, of(operation)]) {
        c.calls++;
        if (outcome.failed) c.failures++;
        c.totalDurationMs += outcome.durationMs;
        c.limiterWaitMs += outcome.limiterWaitMs;
        const key = String(outcome.status);
        c.statuses[key] = (c.statuses[key] ?? 0) + 1;
      }
    },
    recordToken(ok) {
      tokenRequests++;
      if (!ok) tokenFailures++;
    },
    snapshot() {
      const copy = (c: OperationCounters): OperationCounters => ({ ...c, statuses: { ...c.statuses } });
      return {
        total: copy(total),
        byOperation: Object.fromEntries([...byOperation].map(([k, v]) => [k, copy(v)])),
        tokenRequests,
        tokenFailures,
      };
    },
  };
}
