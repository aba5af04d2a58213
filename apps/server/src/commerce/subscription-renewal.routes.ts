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
import { readTenantSubscriptions } from './subscriptions-service';

const SubscriptionParams = CompanyIdParam.extend({ subscriptionId: z.string().min(1).max(64).openapi({ param: { name: 'subscriptionId', in: 'path' } }) });

/**
 * Changes at renewal: the seats, term and billing the subscription renews with, scheduled in
 * Partner Center (Learn: "Schedule changes for a new commerce subscription"), leaving the current
 * term as it is. Microsoft takes them only with auto-renew on, and deletes them when the seats change
 * in the current term; the subscriptions tab shows what is scheduled (`endOfTerm`).
 */
export function subscriptionRenewalRoutes(deps: CommerceDeps) {
  const auth = authenticate(deps);
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'put',
      path: '/companies/{id}/subscriptions/{subscriptionId}/renewal',
      tags: ['Subscriptions'],
      summary: 'Set what the subscription renews with (seats, term, billing), or renew it unchanged',
      request: { params: SubscriptionParams, body: { required: true, content: json(RenewalChangeSchema) } },
      responses: {
        200: { description: 'The subscription with its end of term', content: json(SubscriptionSchema) },
        409: problem('The subscription does not renew (auto-renew off, or not active)'),
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
      const read = await readTenantSubscriptions(deps, company, tenant);
      if (read.error) throw new AppError('PARTNER_CENTER_UNAVAILABLE', read.error);
      const current = read.subscriptions.find((s) => s.id.toLowerCase() === subscriptionId.toLowerCase());
      if (!current) throw new AppError('NOT_FOUND', `There is no subscription ${subscriptionId} in this tenant for this connection.`);
      if (current.status !== 'active' || !current.autoRenew) {
        throw new AppError('SUBSCRIPTION_ACTION_NOT_ALLOWED', 'Changes at renewal need an active subscription with auto-renew on: turn auto-renew on first.', [{ field: 'next', message: 'auto_renew_off' }]);
      }
      const next = body.next
        ? { catalogItemId: current.catalogItemId, quantity: body.next.quantity, termDuration: body.next.termDuration ?? current.termDuration, billingCycle: body.next.billingCycle ?? current.billingCycle }
        : null;
      if (next) {
        const q = quantityProblem(next.quantity, current.bounds);
        if (q) throw new AppError('QUANTITY_OUT_OF_RANGE', `Choose between ${current.bounds.minimum} and ${current.bounds.maximum} seats.`, [{ field: 'next.quantity', message: q }]);
      }
      // A renewal is a purchase under the partner of record.
      await requireValidPartnerOfRecord(repos, company, tenant, 'changing the renewal');
      const pc = await deps.partnerCenterFor(tenant.connection.id);
      await callPartnerCenter('change at renewal', () => pc.updateSubscription(tenant.tenantId, current.id, { scheduledNextTerm: next }));
      const after = (await readTenantSubscriptions(deps, company, tenant)).subscriptions.find((s) => s.id === current.id) ?? current;
      const at = deps.clock.now();
      const before = { next: current.endOfTerm.changed ? current.endOfTerm.next : null };
      const afterState = { next: after.endOfTerm.changed ? after.endOfTerm.next : null };
      await deps.db.transaction(async (t) => {
        const tx = t as unknown as Database;
        await writeAudit(c, createRepos(tx, deps.box), {
          at,
          companyId: company.id,
          action: 'subscription.renewal_changed',
          targetType: 'subscription',
          targetId: current.id,
          summary: next
            ? `${current.productName} renews on ${current.termEndsAt.slice(0, 10)} with ${next.quantity} seats (${next.termDuration}, ${next.billingCycle})`
            : `${current.productName} renews on ${current.termEndsAt.slice(0, 10)} unchanged`,
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
