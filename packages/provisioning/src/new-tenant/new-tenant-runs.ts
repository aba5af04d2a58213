import type { WorkflowDefinition } from '../runtime/workflow-definition';
import type { WorkflowRunHandle, WorkflowRuntime } from '../runtime/workflow-runtime';
import {
  AWAITING_RETRY_EVENT,
  provisionTenantRunId,
  RETRY_TOPIC,
  type NewTenantInput,
  type NewTenantResult,
  type NewTenantRetry,
} from './provision-tenant.input';

/** What a waiting run publishes (see `AWAITING_RETRY_EVENT`). */
export interface AwaitingRetry {
  failedStep: string;
  errorCode: string;
  reason: string;
  occurrence: number;
}

/**
 * What the wizard's Finish (and `POST /api/.../provisioning`) calls. Starts the account's run, or
 * attaches to it (double click, second call); when the run is waiting after a failure, the new
 * submission is the retry, carrying the possibly new prefix and Partner ID.
 */
export async function submitNewTenantRun(
  runtime: WorkflowRuntime,
  workflow: WorkflowDefinition<NewTenantInput, NewTenantResult>,
  input: NewTenantInput,
): Promise<{ runId: string; handle: WorkflowRunHandle<NewTenantResult>; outcome: 'started' | 'attached' | 'retried' }> {
  const runId = provisionTenantRunId(input.companyId, input.connectionId);
  const before = await runtime.status(runId);
  const handle = await runtime.start(workflow, runId, input);
  if (before === undefined) return { runId, handle, outcome: 'started' };
  const retried = await retryNewTenantRun(runtime, runId, { domainPrefix: input.domainPrefix, resellerPartnerId: input.resellerPartnerId });
  return { runId, handle, outcome: retried ? 'retried' : 'attached' };
}

/**
 * "Retry" on the company page: wakes a run that stopped (not synced, or needs attention). The
 * message key is the failure's occurrence, so two clicks on Retry wake it once. Returns false when
 * the run is not waiting (running, or finished). A run that gave up waiting (RETRY_WAIT_MS) still
 * shows its last "awaiting retry" event, so its status is checked first: a message to a finished
 * run would never be read.
 */
export async function retryNewTenantRun(runtime: WorkflowRuntime, runId: string, patch: NewTenantRetry = {}): Promise<boolean> {
  const status = await runtime.status(runId);
  if (status !== 'PENDING' && status !== 'ENQUEUED') return false;
  const waiting = await runtime.getEvent<AwaitingRetry | null>(runId, AWAITING_RETRY_EVENT, 0);
  if (!waiting) return false;
  await runtime.send(runId, RETRY_TOPIC, patch, `${runId}:retry:${waiting.occurrence}`);
  return true;
}
