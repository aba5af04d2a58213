// size: the run and its five steps share one input and one set of ports; each step is a few lines.
import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import { defineWorkflow, type WorkflowDefinition } from '../runtime/workflow-definition';
import { StepFailedError } from '../runtime/step-failure';
import type { GdapRunPorts } from './gdap-run.ports';

export const REQUEST_GDAP_KIND = 'request-gdap';
/** The run's registered name (never renamed once shipped); a bulk job starts it by this name. */
export const REQUEST_GDAP_WORKFLOW = 'request-gdap-from-template-v1';
/** The topic a webhook (or a person's "check now") sends to, to wake a run waiting for approval. */
export const GDAP_CHECK_TOPIC = 'gdap-check';

/** A template's contents, copied into the run's input (a template version never changes). */
export interface GdapRunTemplate {
  id: number | null;
  version: number | null;
  roles: { id: string; name: string }[];
  durationDays: number;
  autoExtend: boolean;
  securityGroups: { groupId: string; name: string; roleIds: string[] }[];
}

export interface RequestGdapFromTemplateInput {
  /** The `gdap_relationships` row the run keeps. */
  rowId: number;
  companyId: number;
  connectionId: string;
  customerTenantId: string;
  customerName: string;
  /** Deterministic (gdapRelationshipDisplayName): a crashed or retried run finds its relationship. */
  displayName: string;
  template: GdapRunTemplate;
  /** Who is asked by e-mail to approve, in their language; null: the link is only shown. */
  approver: { to: string[]; language: string; partnerName: string } | null;
}

export interface RequestGdapFromTemplateResult {
  state: 'active' | 'failed';
  relationshipId?: string;
  reason?: string;
}

/** The durable id from business intent: one run per relationship row. */
export function requestGdapRunId(rowId: number): string {
  return `${REQUEST_GDAP_KIND}:${rowId}`;
}

/** 5 s, doubling, at most 10 minutes: approval takes minutes to weeks (Microsoft lets it wait 90 days). */
export function defaultGdapPollDelayMs(look: number): number {
  return Math.min(600_000, 5_000 * 2 ** Math.min(look, 10));
}

const LIVE = new Set(['active', 'expiring']);
const OVER = new Set(['expired', 'terminated', 'terminationRequested', 'terminating']);

/**
 * "Request GDAP from a template": create the relationship > lock it for approval and send the
 * link > wait for the customer's approval as long as it takes (a journaled look, then a durable
 * `recv` on `gdap-check` that a webhook can cut short) > one access assignment per security group
 * of the template > wait until they are active > mark the relationship active (event `gdap` =
 * `active`). The relationship's display name is fixed by the input, and the client finds an
 * existing relationship of that name instead of creating a second one, so a crash anywhere leaves
 * one relationship; access assignments are one per group at Graph likewise.
 */
export function createRequestGdapWorkflow(ports: GdapRunPorts): WorkflowDefinition<RequestGdapFromTemplateInput, RequestGdapFromTemplateResult> {
  const delay = ports.pollDelayMs ?? defaultGdapPollDelayMs;
  const save = (rowId: number, facts: Parameters<GdapRunPorts['relationships']['saveFacts']>[1], now: Date) => ports.relationships.saveFacts(rowId, facts, now);

  const create = defineStep<RequestGdapFromTemplateInput, { relationshipId: string; status: string; approvalUrl: string }>({
    id: 'gdap-create-relationship',
    callsPartnerCenter: true,
    irreversible: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const r = await pc.createGdapRelationship(
        {
          displayName: input.displayName,
          customerTenantId: input.customerTenantId,
          customerName: input.customerName,
          roleIds: input.template.roles.map((x) => x.id),
          durationDays: input.template.durationDays,
          autoExtend: input.template.autoExtend,
        },
        { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued },
      );
      await save(input.rowId, { relationshipId: r.id, status: r.status, approvalUrl: r.approvalUrl }, ctx.now());
      return { relationshipId: r.id, status: r.status, approvalUrl: r.approvalUrl };
    },
  });

  const lock = defineStep<{ input: RequestGdapFromTemplateInput; relationshipId: string; status: string }, { approvalUrl: string }>({
    id: 'gdap-request-approval',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run({ input, relationshipId, status }, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const call = { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued };
      // Locked already by an attempt whose answer was lost: the link is the same.
      const approvalUrl = status === 'created' ? (await pc.requestGdapApproval(relationshipId, call)).approvalUrl : (await pc.getGdapRelationship(relationshipId, call)).approvalUrl;
      await save(input.rowId, { approvalUrl, status: status === 'created' ? 'approvalPending' : status }, ctx.now());
      if (input.approver && input.approver.to.length > 0) {
        // Keyed by relationship: a retried step leaves one message in the outbox.
        await ports.notifier.send({
          template: 'gdap-approval-request',
          dedupeKey: `gdap-approval:${relationshipId}`,
          to: input.approver.to,
          language: input.approver.language,
          subjectId: String(input.companyId),
          fields: {
            companyName: input.customerName,
            partnerName: input.approver.partnerName,
            approvalUrl,
            roles: input.template.roles.map((r) => r.name).join(', '),
            durationDays: String(input.template.durationDays),
          },
        });
      }
      return { approvalUrl };
    },
  });

  const look = defineStep<{ input: RequestGdapFromTemplateInput; relationshipId: string }, { status: string }>({
    id: 'gdap-check-relationship',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run({ input, relationshipId }, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const r = await pc.getGdapRelationship(relationshipId, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      await save(input.rowId, { status: r.status, activatedAt: r.activatedAt ? new Date(r.activatedAt) : null, endsAt: r.endsAt ? new Date(r.endsAt) : null }, ctx.now());
      return { status: r.status };
    },
  });

  const assign = defineStep<{ input: RequestGdapFromTemplateInput; relationshipId: string; group: GdapRunTemplate['securityGroups'][number] }, { id: string; status: string }>({
    id: 'gdap-create-access-assignment',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run({ input, relationshipId, group }, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const a = await pc.createGdapAccessAssignment(relationshipId, { securityGroupId: group.groupId, roleIds: group.roleIds }, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued });
      return { id: a.id, status: a.status };
    },
  });

  const lookAssignments = defineStep<{ input: RequestGdapFromTemplateInput; relationshipId: string }, { pending: number; failed: number }>({
    id: 'gdap-check-access-assignments',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run({ input, relationshipId }, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const rows: { id: string; securityGroupId: string; roleIds: string[]; status: string }[] = [];
      for await (const a of pc.listGdapAccessAssignments(relationshipId, { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued })) {
        if (a.status !== 'deleted') rows.push({ id: a.id, securityGroupId: a.securityGroupId, roleIds: a.roleIds, status: a.status });
      }
      await save(input.rowId, { accessAssignments: rows }, ctx.now());
      return { pending: rows.filter((r) => r.status === 'pending').length, failed: rows.filter((r) => r.status === 'error').length };
    },
  });

  const markOver = defineStep<{ rowId: number; status: string }, { saved: true }>({
    id: 'gdap-record-outcome',
    retry: defaultStepRetryPolicy,
    timeoutMs: 15_000,
    async run({ rowId, status }, ctx) {
      await save(rowId, { status }, ctx.now());
      return { saved: true };
    },
  });

  return defineWorkflow<RequestGdapFromTemplateInput, RequestGdapFromTemplateResult>({
    name: REQUEST_GDAP_WORKFLOW,
    async run(input, wf) {
      const base = { kind: REQUEST_GDAP_KIND, subjectId: String(input.companyId), connectionId: input.connectionId };
      try {
        await wf.recordRun({ ...base, state: 'running', currentStep: create.id, facts: { displayName: input.displayName, templateId: input.template.id } });
        const created = await wf.step(create, input);
        const relationshipId = created.relationshipId;
        let status = created.status;
        if (!LIVE.has(status) && !OVER.has(status)) {
          await wf.recordRun({ ...base, state: 'running', currentStep: lock.id, facts: { relationshipId } });
          const { approvalUrl } = await wf.step(lock, { input, relationshipId, status });
          await wf.setEvent('gdap', { state: 'approval_pending', approvalUrl });
          await wf.recordRun({ ...base, state: 'running', currentStep: look.id, facts: { approvalUrl } });
          // As long as it takes: Graph itself ends an unapproved request after 90 days (`expired`).
          for (let n = 0; !LIVE.has(status) && !OVER.has(status); n++) {
            await wf.recv(GDAP_CHECK_TOPIC, delay(n));
            ({ status } = await wf.step(look, { input, relationshipId }));
          }
        }
        if (OVER.has(status)) {
          await wf.recordRun({ ...base, state: 'failed', currentStep: null, failedStep: look.id, errorCode: 'GDAP_NOT_APPROVED', errorMessage: `The relationship is ${status}.` });
          await wf.setEvent('gdap', { state: status });
          return { state: 'failed', relationshipId, reason: status };
        }
        await wf.recordRun({ ...base, state: 'running', currentStep: assign.id });
        for (const group of input.template.securityGroups) await wf.step(assign, { input, relationshipId, group });
        for (let n = 0; ; n++) {
          const { pending, failed } = await wf.step(lookAssignments, { input, relationshipId });
          if (failed > 0) throw new StepFailedError(lookAssignments.id, { code: 'PARTNER_CENTER_REFUSED', message: `Microsoft could not apply ${failed} access assignment(s); see them on the company page.`, transient: false }, 1);
          if (pending === 0) break;
          await wf.sleep(Math.min(delay(n), 60_000));
        }
        await wf.step(markOver, { rowId: input.rowId, status: 'active' });
        await wf.setEvent('gdap', { state: 'active' });
        await wf.recordRun({ ...base, state: 'succeeded', currentStep: null, facts: { gdap: 'active' } });
        return { state: 'active', relationshipId };
      } catch (e) {
        if (!(e instanceof StepFailedError)) throw e;
        await wf.recordRun({ ...base, state: 'needs_attention', currentStep: null, failedStep: e.stepId, errorCode: e.failure.code, errorMessage: e.failure.message });
        return { state: 'failed', reason: e.failure.message };
      }
    },
  });
}
