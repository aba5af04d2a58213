import { StepFailedError } from '../runtime/step-failure';
import type { WorkflowContext } from '../runtime/workflow-definition';
import type { checkGdapRequestStep } from './check-gdap-request.step';
import type { RequestGdapOutput } from './request-gdap.step';

/**
 * The DBOS patch that made runs follow the lock request (docs/WORKFLOWS.md §6): runs journaled
 * before it replay without the looks.
 */
export const GDAP_LOCK_POLL_PATCH = 'gdap-lock-poll';

/** The waits between looks: 2 s, doubling, at most a minute; Graph documents no Retry-After for requests. */
export function gdapLockPollDelayMs(look: number): number {
  return Math.min(60_000, 2_000 * 2 ** look);
}

/** How many looks before the run stops for a retry: about an hour of waiting with the delays above. */
export const GDAP_LOCK_MAX_LOOKS = 64;

/**
 * Follows the lockForApproval request of a GDAP relationship until Graph has acted on it
 * ("Create delegatedAdminRelationshipRequest" answers `created`; the relationship becomes
 * `approvalPending` afterwards): a look (a journaled step), then a durable sleep, never a wait
 * inside a step, so a crash resumes at the next look. When the request failed, or is still
 * unsettled at the last look, throws a `StepFailedError` named after `stageId` (the timeline's
 * GDAP step; the looks themselves are not a stage of their own).
 */
export async function awaitGdapLock(
  wf: WorkflowContext,
  check: ReturnType<typeof checkGdapRequestStep>,
  input: { connectionId: string; gdap: RequestGdapOutput; stageId: string },
): Promise<void> {
  const lock = input.gdap.lock;
  if (!lock || lock.status === 'succeeded') return;
  for (let look = 0; look < GDAP_LOCK_MAX_LOOKS; look++) {
    await wf.sleep(gdapLockPollDelayMs(look));
    let status: string;
    try {
      ({ status } = await wf.step(check, {
        connectionId: input.connectionId,
        relationshipId: input.gdap.relationshipId,
        requestId: lock.requestId,
        lastLook: look === GDAP_LOCK_MAX_LOOKS - 1,
      }));
    } catch (e) {
      if (e instanceof StepFailedError) throw new StepFailedError(input.stageId, e.failure, e.attempts);
      throw e;
    }
    if (status === 'succeeded') return;
  }
}
