import { createRoute, z } from '@hono/zod-openapi';
import { AppError, quantityProblem } from '@csphub/domain';
import { createRepos, publishEvent, type Database } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { guarded, scopedErrors } from '../http/protected-route';
import { problem } from '../http/schemas';
import { authenticate } from '../auth/authenticate';
import { writeAudit } from '../audit/write-audit';
import { json } from '../http/json-content';
import type { CommerceDeps } from './commerce-deps';
import { commerceCompany } from './commerce-access';
import { CompanyIdParam, RenewalChangeSchema, SubscriptionSchema } from './commerce.schema';
import { linkedTenantIn } from './linked-tenants';
import { requireValidPartnerOfRecord } from './partner-of-record-check';
import { callPartnerCenter } from './partner-center-failure';
import { currentSubscription, readTenantSubscriptions } from './subscriptions-service';

const SubscriptionParams = CompanyIdParam.extend({ subscriptionId: z.string().min(1).max(64).openapi({ param: { name: 'subscriptionId', in: 'path' } }) });

/**
 * The end of term, chosen: renew (auto-renew on) with the seats, term and billing scheduled in
 * Partner Center for the renewal (Learn: "Schedule changes for a new commerce subscription"; the
 * current term stays as it is, and a change of seats in it deletes them); or, auto-renew off, cancel
 * at term end (a `Cancel` scheduled action) or run on in the paid Extended Service Term
 * (docs/EMULATOR-DIFFERENCES.md, "Term end"). The subscriptions tab shows the outcome (`endOfTerm`).
 */
export function subscriptionRenewalRoutes(deps: CommerceDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'put',
      path: '/companies/{id}/subscriptions/{subscriptionId}/renewal',
      tags: ['Subscriptions'],
      summary: 'Choose the end of term: renew (with changed seats, term or billing), cancel at term end, or the Extended Service Term',
      request: { params: SubscriptionParams, body: { required: true, content: json(RenewalChangeSchema) } },
      responses: {
        200: { description: 'The subscription with its end of term', content: json(SubscriptionSchema) },
        409: problem('The subscription is not active'),
        422: problem('Microsoft refused the change, or the seat count is out of range'),
        ...scopedErrors,
      },
    }),
    async (c) => {
      const p = c.var.principal;
      const { id, subscriptionId } = c.req.valid('param');
      const { repos, company } = await commerceCompany(deps, p, id, 'subscriptions.manage');
      const body = c.req.valid('json');
      const tenant = await linkedTenantIn(repos, company, body.connectionId);
      const current = await currentSubscription(deps, company, tenant, subscriptionId);
      if (current.status !== 'active') {
        throw new AppError('SUBSCRIPTION_ACTION_NOT_ALLOWED', `The subscription is ${current.status}: its end of term can no longer be chosen.`, [{ field: 'outcome', message: current.status }]);
      }
      if (body.outcome !== 'renew' && body.next) throw new AppError('VALIDATION_FAILED', 'The next term is for a renewal only.', [{ field: 'next', message: 'only with outcome renew' }]);
      const next =
        body.outcome === 'renew' && body.next
          ? { catalogItemId: current.catalogItemId, quantity: body.next.quantity, termDuration: body.next.termDuration ?? current.termDuration, billingCycle: body.next.billingCycle ?? current.billingCycle }
          : body.next === null
            ? null
            : undefined;
      if (next) {
        const q = quantityProblem(next.quantity, current.bounds);
        if (q) throw new AppError('QUANTITY_OUT_OF_RANGE', `Choose between ${current.bounds.minimum} and ${current.bounds.maximum} seats.`, [{ field: 'next.quantity', message: q }]);
      }
      // A renewal is a purchase under the partner of record.
      if (body.outcome === 'renew') await requireValidPartnerOfRecord(repos, company, tenant, 'renewing the subscription');
      const pc = await deps.partnerCenterFor(tenant.connection.id);
      await callPartnerCenter('change of the end of term', () =>
        pc.updateSubscription(
          tenant.tenantId,
          current.id,
          body.outcome === 'renew'
            ? { ...(current.autoRenew ? {} : { autoRenew: true }), ...(next !== undefined ? { scheduledNextTerm: next } : {}) }
            : { ...(current.autoRenew ? { autoRenew: false } : {}), cancelAtTermEnd: body.outcome === 'cancel' },
        ),
      );
      const after = (await readTenantSubscriptions(deps, company, tenant)).subscriptions.find((s) => s.id === current.id) ?? current;
      const at = deps.clock.now();
      const before = { outcome: current.endOfTerm.outcome, next: current.endOfTerm.changed ? current.endOfTerm.next : null };
      const afterState = { outcome: after.endOfTerm.outcome, next: after.endOfTerm.changed ? after.endOfTerm.next : null };
      await deps.db.transaction(async (t) => {
        const tx = t as unknown as Database;
        await writeAudit(c, createRepos(tx, deps.box), {
          at,
          companyId: company.id,
          action: 'subscription.end_of_term_changed',
          targetType: 'subscription',
          targetId: current.id,
          summary: `${current.productName} at its term end (${current.termEndsAt.slice(0, 10)}): ${current.endOfTerm.outcome} → ${after.endOfTerm.outcome}${next ? ` with ${next.quantity} seats (${next.termDuration}, ${next.billingCycle})` : ''}`,
          before,
          after: afterState,
        });
        await publishEvent(tx, {
          type: 'subscription.changed',
          companyId: company.id,
          at,
          data: { connectionId: tenant.connection.id, tenantId: tenant.tenantId, subscriptionId: current.id, change: 'renewal', before, after: afterState },
        });
      });
      return c.json(after, 200);
    },
  );
}
