import { DBOS } from '@dbos-inc/dbos-sdk';
import type { Clock } from '@csphub/domain';
import type { Ids } from '../ports/ids';
import type { AttemptSucceeded, RunUpdate, StepTimeline } from '../ports/step-timeline';
import { derivedRequestId, type RunBookkeeping } from './run-bookkeeping';
import { deterministicJitter, nextRetryDelay } from './retry-policy';
import type { StepContext, StepDefinition } from './step-definition';
import { startStepDeadline } from './step-deadline';
import { StepFailedError, StepTimeoutError, toStepFailure, type StepOutcome } from './step-failure';

/** What the runtime hands to `executeStep`. */
export interface StepRuntimeDeps {
  timeline: StepTimeline;
  clock: Clock;
  ids: Ids;
  /**
   * Test hook called at each step boundary (`before` the step's first attempt, `after` its output is
   * journaled). The crash tests SIGKILL the worker from here; production leaves it unset.
   */
  onBoundary?: (stepId: string, phase: 'before' | 'after') => void | Promise<void>;
}

/**
 * Runs one step durably inside a workflow. Each attempt is its own DBOS step whose journaled value
 * is a `StepOutcome` (never a thrown error), and the waits between attempts are durable sleeps; so
 * after a crash the workflow replays the same attempts, the same waits and the same request ids,
 * and resumes at the first attempt that did not finish. Inside each attempt the timeline row is
 * opened before `run` (carrying the run row's queued update and the closes of earlier attempts that
 * succeeded, if any). A failed attempt is closed at once; a successful one is queued and closed by
 * the run's next timeline write (its number and end time are journaled with the output, so a replay
 * queues it again), which saves a statement per step.
 *
 * Under the lean journal (`LEAN_JOURNAL_PATCH`) the MS-RequestId is derived, not journaled: see
 * `derivedRequestId`. Runs journaled before it keep a `<step>.request-id` step per id.
 */
export async function executeStep<I, O>(deps: StepRuntimeDeps, runId: string, def: StepDefinition<I, O>, input: I, books?: RunBookkeeping): Promise<O> {
  await deps.onBoundary?.(def.id, 'before');
  const occurrence = books?.nextOccurrence(def.id) ?? 1;
  const lean = def.callsPartnerCenter === true && books !== undefined && (await books.isLean());
  const runUpdate = books?.takePendingRun();
  const succeeded = books?.takeSucceeded() ?? [];
  // Whether an attempt's opening wrote `succeeded` (not when the timeline store was down).
  let closed = succeeded.length === 0;
  let requestId: string | undefined;
  let responses = 0;
  let needNewRequestId = def.callsPartnerCenter === true;
  for (let n = 1; ; n++) {
    if (needNewRequestId) {
      requestId = lean ? derivedRequestId(runId, def.id, occurrence, responses) : await DBOS.runStep(async () => deps.ids.uuid(), { name: `${def.id}.request-id` });
      needNewRequestId = false;
    }
    const currentRequestId = requestId;
    const outcome = await DBOS.runStep(() => runAttempt(deps, runId, def, input, { requestId: currentRequestId, journaledAttempt: n, runUpdate, succeeded, deferClose: books !== undefined }), { name: def.id });
    closed ||= outcome.ok || outcome.failure.code !== TIMELINE_UNAVAILABLE;
    if (outcome.ok) {
      if (outcome.attempt !== undefined) books?.queueSucceeded({ stepId: def.id, attempt: outcome.attempt, at: new Date(outcome.finishedAt ?? deps.clock.now().getTime()) });
      await deps.onBoundary?.(def.id, 'after');
      return outcome.value;
    }
    const failure = outcome.failure;
    const delay = nextRetryDelay(failure, n, def.retry, deterministicJitter(runId, def.id, n));
    if (delay === undefined) {
      // No attempt could write them: the run's next timeline write will.
      if (!closed) books?.restoreSucceeded(succeeded);
      throw new StepFailedError(def.id, failure, n);
    }
    // Partner Center: reuse the request id when no response came back, change it after any response.
    if (def.callsPartnerCenter && failure.status !== undefined) {
      needNewRequestId = true;
      responses++;
    }
    await DBOS.sleep(delay);
  }
}

const TIMELINE_UNAVAILABLE = 'TIMELINE_UNAVAILABLE';

interface AttemptOptions {
  requestId: string | undefined;
  journaledAttempt: number;
  /** The run row's queued update, written with the attempt's opening. */
  runUpdate: Omit<RunUpdate, 'at'> | undefined;
  /** Earlier attempts that succeeded, closed with the attempt's opening. */
  succeeded: readonly AttemptSucceeded[];
  /** True: a success is closed later (by the run's next timeline write), false: at once. */
  deferClose: boolean;
}

async function runAttempt<I, O>(deps: StepRuntimeDeps, runId: string, def: StepDefinition<I, O>, input: I, opts: AttemptOptions): Promise<StepOutcome<O>> {
  const { requestId, journaledAttempt, runUpdate, succeeded } = opts;
  const correlationId = deps.ids.uuid();
  // The timeline shows a correlation id only for steps that call Partner Center: elsewhere there is
  // nothing at Microsoft to correlate it with, and quoting it to support would mislead.
  const recordedCorrelationId = def.callsPartnerCenter ? correlationId : null;
  let opened: { attempt: number; interruptedRequestIds: string[] };
  try {
    const at = deps.clock.now();
    opened = await deps.timeline.beginAttempt({
      runId,
      stepId: def.id,
      requestId: requestId ?? null,
      correlationId: recordedCorrelationId,
      at,
      ...(runUpdate ? { run: { ...runUpdate, at } } : {}),
      ...(succeeded.length > 0 ? { succeeded } : {}),
    });
  } catch (e) {
    // The timeline store is down: nothing was called yet, so retrying later is safe.
    return { ok: false, failure: { ...toStepFailure(e), transient: true, code: TIMELINE_UNAVAILABLE } };
  }
  const controller = new AbortController();
  let rejectTimeout: (e: unknown) => void = () => {};
  // Time queued in the Partner Center client's rate limiter does not count (step-deadline.ts).
  const deadline = startStepDeadline(def.timeoutMs, () => {
    const timeout = new StepTimeoutError(`Step ${def.id} took longer than ${def.timeoutMs} ms`);
    controller.abort(timeout);
    rejectTimeout(timeout);
  });
  const ctx: StepContext = {
    runId,
    stepId: def.id,
    attempt: opened.attempt,
    requestId,
    correlationId,
    interruptedRequestIds: opened.interruptedRequestIds,
    signal: controller.signal,
    onQueued: () => deadline.queued(),
    now: () => deps.clock.now(),
  };
  try {
    const value = await Promise.race([
      def.run(input, ctx),
      new Promise<never>((_, reject) => {
        rejectTimeout = reject;
      }),
    ]);
    const finishedAt = deps.clock.now();
    if (opts.deferClose) return { ok: true, value, attempt: opened.attempt, finishedAt: finishedAt.getTime() };
    await deps.timeline.finishAttempt({ runId, stepId: def.id, attempt: opened.attempt, state: 'succeeded', correlationId: recordedCorrelationId, at: finishedAt });
    return { ok: true, value };
  } catch (e) {
    const failure = toStepFailure(e);
    if (def.callsPartnerCenter) failure.correlationId ??= correlationId;
    if (requestId) failure.requestId ??= requestId;
    // The same decision executeStep will take from the journaled outcome (same attempt number, same jitter).
    const delay = nextRetryDelay(failure, journaledAttempt, def.retry, deterministicJitter(runId, def.id, journaledAttempt));
    await deps.timeline
      .finishAttempt({
        runId,
        stepId: def.id,
        attempt: opened.attempt,
        state: delay === undefined ? 'failed' : 'retrying',
        errorCode: failure.code,
        errorMessage: failure.message,
        correlationId: failure.correlationId,
        retryAt: delay === undefined ? null : new Date(deps.clock.now().getTime() + delay),
        at: deps.clock.now(),
      })
      .catch(() => undefined);
    return { ok: false, failure };
  } finally {
    deadline.stop();
  }
}

/**
 * Writes the run row's queued update as its own journaled step, with the queued closes of attempts
 * that succeeded. Closes alone take no journal entry (its layout stays): a replay writing one again
 * changes nothing, and a timeline store that is down only leaves the attempt shown running.
 */
export async function flushRun(deps: StepRuntimeDeps, books: RunBookkeeping): Promise<void> {
  const pending = books.takePendingRun();
  const succeeded = books.takeSucceeded();
  if (pending) await DBOS.runStep(() => deps.timeline.saveRun({ ...pending, at: deps.clock.now() }, succeeded), { name: 'record-run' });
  else if (succeeded.length > 0) await deps.timeline.closeSucceeded(books.workflowId, succeeded).catch(() => undefined);
}
