import { DBOS } from '@dbos-inc/dbos-sdk';
import type { Clock } from '@csphub/domain';
import type { Ids } from '../ports/ids';
import type { RunUpdate, StepTimeline } from '../ports/step-timeline';
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
 * opened before `run` (carrying the run row's queued update, if any) and closed after it.
 *
 * Under the lean journal (`LEAN_JOURNAL_PATCH`) the MS-RequestId is derived, not journaled: see
 * `derivedRequestId`. Runs journaled before it keep a `<step>.request-id` step per id.
 */
export async function executeStep<I, O>(deps: StepRuntimeDeps, runId: string, def: StepDefinition<I, O>, input: I, books?: RunBookkeeping): Promise<O> {
  await deps.onBoundary?.(def.id, 'before');
  const occurrence = books?.nextOccurrence(def.id) ?? 1;
  const lean = def.callsPartnerCenter === true && books !== undefined && (await books.isLean());
  const runUpdate = books?.takePendingRun();
  let requestId: string | undefined;
  let responses = 0;
  let needNewRequestId = def.callsPartnerCenter === true;
  for (let n = 1; ; n++) {
    if (needNewRequestId) {
      requestId = lean ? derivedRequestId(runId, def.id, occurrence, responses) : await DBOS.runStep(async () => deps.ids.uuid(), { name: `${def.id}.request-id` });
      needNewRequestId = false;
    }
    const currentRequestId = requestId;
    const outcome = await DBOS.runStep(() => runAttempt(deps, runId, def, input, currentRequestId, n, runUpdate), { name: def.id });
    if (outcome.ok) {
      await deps.onBoundary?.(def.id, 'after');
      return outcome.value;
    }
    const failure = outcome.failure;
    const delay = nextRetryDelay(failure, n, def.retry, deterministicJitter(runId, def.id, n));
    if (delay === undefined) throw new StepFailedError(def.id, failure, n);
    // Partner Center: reuse the request id when no response came back, change it after any response.
    if (def.callsPartnerCenter && failure.status !== undefined) {
      needNewRequestId = true;
      responses++;
    }
    await DBOS.sleep(delay);
  }
}

async function runAttempt<I, O>(
  deps: StepRuntimeDeps,
  runId: string,
  def: StepDefinition<I, O>,
  input: I,
  requestId: string | undefined,
  journaledAttempt: number,
  runUpdate: Omit<RunUpdate, 'at'> | undefined,
): Promise<StepOutcome<O>> {
  const correlationId = deps.ids.uuid();
  // The timeline shows a correlation id only for steps that call Partner Center: elsewhere there is
  // nothing at Microsoft to correlate it with, and quoting it to support would mislead.
  const recordedCorrelationId = def.callsPartnerCenter ? correlationId : null;
  let opened: { attempt: number; interruptedRequestIds: string[] };
  try {
    const at = deps.clock.now();
    opened = await deps.timeline.beginAttempt({ runId, stepId: def.id, requestId: requestId ?? null, correlationId: recordedCorrelationId, at, ...(runUpdate ? { run: { ...runUpdate, at } } : {}) });
  } catch (e) {
    // The timeline store is down: nothing was called yet, so retrying later is safe.
    return { ok: false, failure: { ...toStepFailure(e), transient: true, code: 'TIMELINE_UNAVAILABLE' } };
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
    await deps.timeline.finishAttempt({ runId, stepId: def.id, attempt: opened.attempt, state: 'succeeded', correlationId: recordedCorrelationId, at: deps.clock.now() });
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
