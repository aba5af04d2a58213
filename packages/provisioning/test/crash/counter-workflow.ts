import { defineStep, defineWorkflow, defaultStepRetryPolicy } from '../../src/index';

/** Input of the crash-test workflow: N steps, each one side effect against the counter server. */
export interface CounterWorkflowInput {
  counterUrl: string;
  steps: number;
}

/**
 * One step that performs a side effect on the counter server, carrying the journaled request id the
 * way a Partner Center call carries MS-RequestId (the server dedupes on it, as Microsoft does).
 */
export const counterEffectStep = defineStep<{ counterUrl: string; index: number }, { seen: number }>({
  id: 'counter-effect',
  callsPartnerCenter: true,
  retry: { ...defaultStepRetryPolicy, baseDelayMs: 50, maxDelayMs: 200 },
  timeoutMs: 30_000,
  async run(input, ctx) {
    const res = await fetch(`${input.counterUrl}/effect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'ms-requestid': ctx.requestId ?? '', 'ms-correlationid': ctx.correlationId },
      body: JSON.stringify({ runId: ctx.runId, index: input.index }),
      signal: ctx.signal,
    });
    if (!res.ok) throw new Error(`counter answered ${res.status}`);
    return (await res.json()) as { seen: number };
  },
});

/**
 * The crash-test workflow. Step ids repeat (`counter-effect` N times) on purpose: DBOS keys the
 * journal by position, and the timeline by (run, step id, attempt), so each index gets its own id.
 */
export const counterWorkflow = defineWorkflow<CounterWorkflowInput, number[]>({
  name: 'crash-test-counter',
  async run(input, wf) {
    await wf.recordRun({ kind: 'crash-test', subjectId: wf.workflowId, state: 'running' });
    const seen: number[] = [];
    for (let i = 0; i < input.steps; i++) {
      const step = { ...counterEffectStep, id: `counter-effect-${i}` };
      const out = await wf.step(step, { counterUrl: input.counterUrl, index: i });
      seen.push(out.seen);
    }
    await wf.recordRun({ kind: 'crash-test', subjectId: wf.workflowId, state: 'succeeded' });
    return seen;
  },
});
