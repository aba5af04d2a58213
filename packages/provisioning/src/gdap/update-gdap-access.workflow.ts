import { AppError } from '@csphub/domain';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineStep } from '../runtime/step-definition';
import { StepFailedError } from '../runtime/step-failure';
import { defineWorkflow, type WorkflowDefinition } from '../runtime/workflow-definition';
import type { PartnerCenterCall } from '../shared/tenant-link.ports';

/** The workflow kind, as the timeline and the run rows name it. */
export const GDAP_ACCESS_UPDATE_KIND = 'gdap-access-update';

/** What the run needs of Graph for one connection (the typed client satisfies it). */
export interface GdapAccessPartnerCenter {
  getGdapAccessAssignment(relationshipId: string, assignmentId: string, options?: PartnerCenterCall): Promise<{ roleIds: string[]; etag?: string }>;
  updateGdapAccessAssignment(
    relationshipId: string,
    assignmentId: string,
    change: { roleIds: string[]; etag: string },
    options?: PartnerCenterCall,
  ): Promise<{ state: 'applied' } | { state: 'accepted'; operationId: string; retryAfterSeconds: number }>;
  getGdapOperation(relationshipId: string, operationId: string, options?: PartnerCenterCall): Promise<{ status: string; retryAfterSeconds?: number }>;
}

export interface UpdateGdapAccessInput {
  /** The account the relationship belongs to (the timeline's subject). */
  companyId: number;
  connectionId: string;
  relationshipId: string;
  assignmentId: string;
  roleIds: string[];
}

export interface UpdateGdapAccessResult {
  state: 'succeeded' | 'needs_attention';
  operationId?: string;
  errorCode?: string;
}

/** How many looks at the operation before a person is asked (with Graph's Retry-After, hours). */
export const GDAP_OPERATION_MAX_LOOKS = 120;
/** Bounds of the wait between looks, whatever Retry-After says (at least 1 s, at most 10 min). */
const MIN_WAIT_MS = 1_000;
const MAX_WAIT_MS = 10 * 60_000;
const waitOf = (seconds: number | undefined) => Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, (seconds ?? 10) * 1000));

/**
 * Changes the roles of a GDAP access assignment the way Graph does it (docs/PARTNER-CENTER-REFERENCE.md
 * §12.3, Graph page "Update delegatedAdminAccessAssignment"): the PATCH with the assignment's ETag
 * answers 200 when the roles are already those, or 202 with a long-running operation. The run then
 * follows `/operations/{id}`: a durable sleep of Graph's `Retry-After`, a journaled look, again,
 * until the operation `succeeded` (done) or `failed` (needs attention with Graph's answer). A crash
 * resumes at the next look; the update is never sent twice (the client finds an update in flight).
 */
export function createUpdateGdapAccessWorkflow(ports: { partnerCenter(connectionId: string): Promise<GdapAccessPartnerCenter> }): WorkflowDefinition<UpdateGdapAccessInput, UpdateGdapAccessResult> {
  const update = defineStep<UpdateGdapAccessInput, { state: 'applied' } | { state: 'accepted'; operationId: string; retryAfterSeconds: number }>({
    id: 'update-gdap-access',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const call = { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued };
      const current = await pc.getGdapAccessAssignment(input.relationshipId, input.assignmentId, call);
      if (!current.etag) throw new AppError('PARTNER_CENTER_REFUSED', 'Graph answered the access assignment without its ETag, so it cannot be changed safely. Retry later.');
      const r = await pc.updateGdapAccessAssignment(input.relationshipId, input.assignmentId, { roleIds: input.roleIds, etag: current.etag }, call);
      return r.state === 'applied' ? { state: 'applied' } : { state: 'accepted', operationId: r.operationId, retryAfterSeconds: r.retryAfterSeconds };
    },
  });
  const look = defineStep<{ connectionId: string; relationshipId: string; operationId: string; lastLook: boolean }, { status: string; retryAfterSeconds?: number }>({
    id: 'check-gdap-operation',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const op = await pc.getGdapOperation(input.relationshipId, input.operationId, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      if (op.status === 'failed') throw new AppError('PARTNER_CENTER_REFUSED', `Graph could not apply the new roles (operation ${input.operationId} failed): the relationship or the assignment is no longer active. Check them, then change the roles again.`);
      if (op.status !== 'succeeded' && input.lastLook) throw new AppError('PARTNER_CENTER_REFUSED', `Graph has not finished applying the new roles (operation ${input.operationId} is ${op.status}). Look at the relationship later.`);
      return { status: op.status, ...(op.retryAfterSeconds !== undefined ? { retryAfterSeconds: op.retryAfterSeconds } : {}) };
    },
  });
  return defineWorkflow<UpdateGdapAccessInput, UpdateGdapAccessResult>({
    name: 'update-gdap-access-v1',
    async run(input, wf) {
      const base = { kind: GDAP_ACCESS_UPDATE_KIND, subjectId: String(input.companyId), connectionId: input.connectionId };
      try {
        await wf.recordRun({ ...base, state: 'running', currentStep: update.id, facts: { relationshipId: input.relationshipId, assignmentId: input.assignmentId } });
        const r = await wf.step(update, input);
        if (r.state === 'applied') {
          await wf.recordRun({ ...base, state: 'succeeded', currentStep: null, facts: { gdapOperation: 'none' } });
          return { state: 'succeeded' };
        }
        await wf.recordRun({ ...base, state: 'running', currentStep: look.id, facts: { gdapOperationId: r.operationId } });
        let wait = waitOf(r.retryAfterSeconds);
        for (let n = 0; n < GDAP_OPERATION_MAX_LOOKS; n++) {
          await wf.sleep(wait);
          const op = await wf.step(look, { connectionId: input.connectionId, relationshipId: input.relationshipId, operationId: r.operationId, lastLook: n === GDAP_OPERATION_MAX_LOOKS - 1 });
          if (op.status === 'succeeded') break;
          wait = waitOf(op.retryAfterSeconds);
        }
        await wf.recordRun({ ...base, state: 'succeeded', currentStep: null, facts: { gdapOperation: 'succeeded' } });
        return { state: 'succeeded', operationId: r.operationId };
      } catch (e) {
        if (!(e instanceof StepFailedError)) throw e;
        await wf.recordRun({ ...base, state: 'needs_attention', currentStep: null, failedStep: e.stepId, errorCode: e.failure.code, errorMessage: e.failure.message });
        return { state: 'needs_attention', errorCode: e.failure.code };
      }
    },
  });
}
