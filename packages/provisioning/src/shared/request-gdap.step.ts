import { defineStep } from '../runtime/step-definition';
import { defaultStepRetryPolicy } from '../runtime/retry-policy';
import type { TenantLinkPorts } from './tenant-link.ports';
import type { ExistingTenantNotifier } from '../existing-tenant/existing-tenant.ports';
import { GDAP_REQUEST_DURATION_DAYS, GDAP_REQUEST_ROLES } from './gdap-request-roles';

export interface RequestGdapInput {
  connectionId: string;
  tenantId: string;
  customerName: string;
  companyId: number;
  /**
   * Who approves: the customer's administrators (the invitation's recipients, else the company's
   * e-mail) and their language, with the partner asking. Absent in runs journaled before it.
   */
  approver?: { to: string[]; language: string; partnerName: string } | null;
  /**
   * The GDAP template requested (the one chosen for the order, else the connection's default).
   * Absent in runs journaled before templates: the least-privileged set of gdap-request-roles.ts.
   */
  template?: GdapRequestTemplate | null;
}

/** A template version as onboarding requests it: its roles, duration and auto-extend. */
export interface GdapRequestTemplate {
  id: number;
  name: string;
  version: number;
  roles: { id: string; name: string }[];
  durationDays: number;
  autoExtend: boolean;
}

/** What a request asks for: the template's definition, or the set runs journaled before templates asked for. */
function requestedOf(template: GdapRequestTemplate | null | undefined): { roles: readonly { id: string; name: string }[]; durationDays: number; autoExtend: boolean } {
  return template ?? { roles: GDAP_REQUEST_ROLES, durationDays: GDAP_REQUEST_DURATION_DAYS, autoExtend: true };
}

/** What the step did: the relationship, its approval link, and the lock request to follow (absent when already locked). */
export interface RequestGdapOutput {
  relationshipId: string;
  approvalUrl: string;
  /** The lockForApproval request, which Graph answers `created` and acts on later (await-gdap-lock.ts). */
  lock?: { requestId: string; status: string };
}

/**
 * Asks the customer for delegated administration: a GDAP relationship from the order's GDAP
 * template (roles, duration, auto-extend), locked for approval, and the approval link the customer's Global Admin opens. The display
 * name is derived from the account, so a retry finds the first relationship instead of making two
 * (the client looks the name up on CONFLICT), and the client looks up a lock request already made
 * before posting one, so a retry never asks twice. The lock is asynchronous at Graph ("Create
 * delegatedAdminRelationshipRequest" answers `created`): the workflow follows it durably afterwards.
 */
export function requestGdapStep(ports: Pick<TenantLinkPorts, 'partnerCenter'> & { notifier: { send(message: Parameters<ExistingTenantNotifier['send']>[0]): Promise<unknown> } }) {
  return defineStep<RequestGdapInput, RequestGdapOutput>({
    id: 'request-gdap',
    callsPartnerCenter: true,
    retry: defaultStepRetryPolicy,
    timeoutMs: 60_000,
    async run(input, ctx) {
      const pc = await ports.partnerCenter(input.connectionId);
      const call = { correlationId: ctx.correlationId, signal: ctx.signal, onQueued: ctx.onQueued };
      const requested = requestedOf(input.template);
      const relationship = await pc.createGdapRelationship(
        {
          displayName: `CSP Hub ${input.companyId} ${input.tenantId.slice(0, 8)}`,
          customerTenantId: input.tenantId,
          customerName: input.customerName,
          roleIds: requested.roles.map((r) => r.id),
          durationDays: requested.durationDays,
          autoExtend: requested.autoExtend,
        },
        call,
      );
      // Already locked by an earlier attempt whose answer was lost: the approval link is the same.
      const output: RequestGdapOutput =
        relationship.status !== 'created'
          ? { relationshipId: relationship.id, approvalUrl: relationship.approvalUrl }
          : await pc.requestGdapApproval(relationship.id, { ...call, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) }).then(({ request, approvalUrl }) => ({ relationshipId: relationship.id, approvalUrl, lock: { requestId: request.id, status: request.status } }));
      if (input.approver && input.approver.to.length > 0) {
        // Keyed by relationship: a retried step leaves one message in the outbox.
        await ports.notifier.send({
          template: 'gdap-approval-request',
          dedupeKey: `gdap-approval:${relationship.id}`,
          to: input.approver.to,
          language: input.approver.language,
          subjectId: String(input.companyId),
          fields: {
            companyName: input.customerName,
            partnerName: input.approver.partnerName,
            approvalUrl: output.approvalUrl,
            roles: requested.roles.map((r) => r.name).join(', '),
            durationDays: String(requested.durationDays),
          },
        });
      }
      return output;
    },
  });
}
