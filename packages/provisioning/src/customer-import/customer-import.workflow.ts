import { defineStep } from '../runtime/step-definition';
import { defineWorkflow, type WorkflowDefinition } from '../runtime/workflow-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';

/** One phase of an import of existing customers (docs/CUSTOMER-IMPORT.md): reading the base, or applying the reviewed plan. */
export interface CustomerImportInput {
  runId: string;
  phase: 'read' | 'apply';
}

export interface CustomerImportResult {
  state: string;
}

/**
 * What an import needs from the world. Each port is safe to run again after a crash: `read` upserts
 * the staged items by run and tenant, `applySome` applies at most `limit` planned customers, each
 * in one transaction that marks the item applied only when it was still planned, so a replayed
 * step skips what is done and creates nothing twice.
 */
export interface CustomerImportPorts {
  /** Reads the whole base into staged items and leaves the run in review; answers its state. */
  read(runId: string): Promise<{ state: string }>;
  /** Applies up to `limit` planned customers; `left` is how many planned and decided remain (0 when paused or done). */
  applySome(runId: string, limit: number): Promise<{ state: string; left: number }>;
}

/** How many customers one apply step takes: a crash repeats at most this many reads of done items. */
export const IMPORT_APPLY_CHUNK = 250;

/** The durable run's id: one reading per run; one apply per run and resume (`resumeKey` changes with each pause). */
export function customerImportRunId(input: CustomerImportInput, resumeKey = ''): string {
  return input.phase === 'read' ? `customer-import-read:${input.runId}` : `customer-import-apply:${input.runId}:${resumeKey}`;
}

/**
 * The import of a connection's existing customers as a durable run: the reading is one step (its
 * writes are upserts, so a crash reads again without duplicates); the apply is a sequence of steps of
 * `chunk` customers ({@link IMPORT_APPLY_CHUNK} unless told) until none is left or a person paused it, so a restarted worker
 * resumes at the first chunk that did not complete.
 */
export function createCustomerImportWorkflow(ports: CustomerImportPorts, opts: { chunk?: number } = {}): WorkflowDefinition<CustomerImportInput, CustomerImportResult> {
  const chunk = opts.chunk ?? IMPORT_APPLY_CHUNK;
  const read = defineStep<{ runId: string }, { state: string }>({
    id: 'import-read-customers',
    retry: defaultStepRetryPolicy,
    timeoutMs: 6 * 3_600_000,
    run: (input) => ports.read(input.runId),
  });
  const apply = (index: number) =>
    defineStep<{ runId: string }, { state: string; left: number }>({
      id: `import-apply-${index}`,
      retry: defaultStepRetryPolicy,
      timeoutMs: 30 * 60_000,
      run: (input) => ports.applySome(input.runId, chunk),
    });
  return defineWorkflow<CustomerImportInput, CustomerImportResult>({
    name: 'customer-import',
    async run(input, wf) {
      if (input.phase === 'read') return wf.step(read, { runId: input.runId });
      for (let index = 0; ; index++) {
        const done = await wf.step(apply(index), { runId: input.runId });
        if (done.left === 0 || done.state !== 'importing') return { state: done.state };
      }
    },
  });
}
