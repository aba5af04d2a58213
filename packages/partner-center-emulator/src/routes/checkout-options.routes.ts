import { PromotionEligibilityRequestSchema } from '@csphub/partner-center/wire';
import type { ApiRouter } from '../protocol/api-router';
import { parseBody } from '../protocol/validate';
import { json } from '../protocol/respond';
import { allowedCustomTermEndDates, promotionEligibilities } from '../engine/checkout-options.engine';

/** Custom term end dates and promotion eligibility (docs/PARTNER-CENTER-REFERENCE.md §9.4); registered before the subscription routes. */
export function registerCheckoutOptionRoutes(r: ApiRouter): void {
  // Learn "Get custom term end dates".
  r.op('subscriptions.customTermEndDates', (ctx) => {
    const dates = allowedCustomTermEndDates(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('customerId'), {
      termDuration: ctx.query('term_duration'),
      termStartDate: ctx.query('term_start_date'),
      targetSubscriptionId: ctx.query('target_coterm_subscription_id'),
    });
    const items = dates.map((d) => ({
      allowedCustomTermEndDateType: d.type,
      allowedCustomTermEndDate: new Date(d.at).toISOString(),
      ...(d.type === 'subscriptionAligned' ? { cotermSubscriptionIds: d.subscriptionIds } : {}),
    }));
    return json(200, { totalCount: items.length, items });
  });

  // Learn "Verify promotion eligibility".
  r.op('promotions.eligibilities', async (ctx) => {
    const input = parseBody(PromotionEligibilityRequestSchema, await ctx.body());
    return json(200, { items: promotionEligibilities(ctx.runtime.engine, ctx.principal.partnerTenantId, ctx.param('customerId'), input) });
  });
}
