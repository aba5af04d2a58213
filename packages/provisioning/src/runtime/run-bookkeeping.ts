import { createHash } from 'node:crypto';
import { DBOS } from '@dbos-inc/dbos-sdk';
import type { AttemptSucceeded, RunUpdate } from '../ports/step-timeline';

/**
 * The DBOS patch (docs/WORKFLOWS.md §6) under which a run keeps its bookkeeping out of the journal
 * (docs/WORKFLOWS.md §9): MS-RequestIds derived in the attempt instead of journaled as their own
 * steps, and run-row writes carried by the next step attempt instead of a `record-run` step each.
 * Runs journaled before it replay the old layout.
 */
export const LEAN_JOURNAL_PATCH = 'lean-journal';

type PendingRun = Omit<RunUpdate, 'at'>;

/**
 * What one execution of a workflow body remembers about its bookkeeping. Rebuilt identically on
 * replay: every field follows from the body's deterministic calls and the journal.
 */
export class RunBookkeeping {
  /** Undefined until the first point where the two journal layouts differ; then the patch's answer. */
  private lean: boolean | undefined;
  private readonly occurrences = new Map<string, number>();
  private pending: PendingRun | undefined;
  private last: string | undefined;
  private succeeded: AttemptSucceeded[] = [];

  constructor(readonly workflowId: string) {}

  /** True when this run takes the lean layout (asked of DBOS once, where the layouts first differ). */
  async isLean(): Promise<boolean> {
    this.lean ??= await DBOS.patch(LEAN_JOURNAL_PATCH);
    return this.lean;
  }

  /** 1 for the first time the body runs `stepId`, 2 for the second (a retried stage) ... */
  nextOccurrence(stepId: string): number {
    const n = (this.occurrences.get(stepId) ?? 0) + 1;
    this.occurrences.set(stepId, n);
    return n;
  }

  /**
   * Queues a run-row update for the next write. Returns false when it changes nothing the row does
   * not already say (same state, step, failure and no new facts), so nothing is written.
   */
  queueRun(update: PendingRun): boolean {
    const { facts, ...scalars } = update;
    const key = JSON.stringify(scalars, Object.keys(scalars).sort());
    const hasFacts = facts !== undefined && Object.keys(facts).length > 0;
    if (key === this.last && !hasFacts) return false;
    this.last = key;
    const mergedFacts = hasFacts || this.pending?.facts ? { ...this.pending?.facts, ...facts } : undefined;
    this.pending = { ...update, ...(mergedFacts ? { facts: mergedFacts } : {}) };
    if (!mergedFacts) delete this.pending.facts;
    return true;
  }

  /**
   * Queues the close of an attempt that succeeded, for the run's next timeline write (the next
   * attempt's opening, a run-row write, or before the run waits or ends). Called for journaled
   * successes too (a replay), so a close lost in a crash is written after it; writing one again
   * changes nothing.
   */
  queueSucceeded(s: AttemptSucceeded): void {
    this.succeeded.push(s);
  }

  /** The queued closes, now taken by the caller that writes them (`restoreSucceeded` if it did not). */
  takeSucceeded(): AttemptSucceeded[] {
    const s = this.succeeded;
    this.succeeded = [];
    return s;
  }

  /** Gives back closes taken by a write that did not happen (they go before any queued since). */
  restoreSucceeded(s: readonly AttemptSucceeded[]): void {
    this.succeeded = [...s, ...this.succeeded];
  }

  /** The queued update, if any, now taken by the caller that writes it. */
  takePendingRun(): PendingRun | undefined {
    const p = this.pending;
    this.pending = undefined;
    return p;
  }
}

/**
 * The MS-RequestId of a Partner Center step's call: a UUID (version 5 layout) derived from the run,
 * the step, which time the body runs that step and how many responses its earlier attempts got. It
 * is the same after a crash or a timeout (no response: Partner Center replays instead of acting
 * twice) and new after any response, exactly like the journaled id it replaces, without a journal
 * write. Run ids are never reused (DBOS keeps a workflow id for one run), so neither is a request id.
 */
export function derivedRequestId(runId: string, stepId: string, occurrence: number, responses: number): string {
  const h = createHash('sha1').update(`csphub-request-id\u0000${runId}\u0000${stepId}\u0000${occurrence}\u0000${responses}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
