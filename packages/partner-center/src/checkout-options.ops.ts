import { fromCatalogue, type CallOptions } from './api-request';
import type { RequestPipeline } from './request-pipeline';
import { CustomTermEndDatesSchema, PromotionEligibilitiesSchema } from './wire/checkout-options.schema';

/** An end date a new subscription may be given instead of its term's (docs/PARTNER-CENTER-REFERENCE.md §9.4). */
export interface CustomTermEndDate {
  /** `calendarMonth`: the last day of a calendar month; `subscription`: the end of existing subscriptions (co-terming). */
  kind: 'calendarMonth' | 'subscription';
  /** As Microsoft gives it; sent back unchanged as the cart line's `customTermEndDate`. */
  endDate: string;
  /** The customer's subscriptions that end on that date (for `subscription`). */
  subscriptionIds: string[];
}

/** Whether one cart line would get a promotion (§9.4). */
export interface PromotionEligibility {
  promotionId: string;
  isEligible: boolean;
  /** Why not, in Microsoft's words, with its type (`QuantityRange`, `TermDuration`, ...). */
  errors: { type: string; description: string }[];
}

/** Custom term end dates and promotion eligibility, asked for while choosing what to buy (§9.4). */
export function createCheckoutOptionOps(pipeline: RequestPipeline) {
  return {
    /** The end dates a new subscription of `termDuration` may be given for this customer (`GET …/subscriptions/customTermEndDates`). */
    async listCustomTermEndDates(customerTenantId: string, query: { termDuration: string; termStartDate?: string; targetSubscriptionId?: string }, options?: CallOptions): Promise<CustomTermEndDate[]> {
      return pipeline.send(
        {
          ...fromCatalogue('subscriptions.customTermEndDates'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          query: { term_duration: query.termDuration, term_start_date: query.termStartDate, target_coterm_subscription_id: query.targetSubscriptionId },
          parse: ({ body }) =>
            CustomTermEndDatesSchema.parse(body).items.map((i) => ({
              kind: i.allowedCustomTermEndDateType.toLowerCase() === 'subscriptionaligned' ? ('subscription' as const) : ('calendarMonth' as const),
              endDate: i.allowedCustomTermEndDate,
              subscriptionIds: i.cotermSubscriptionIds ?? [],
            })),
        },
        options,
      );
    },

    /** The promotions one line would get (`POST …/promotionEligibilities`); without `promotionId`, every one that applies. */
    async checkPromotionEligibility(
      customerTenantId: string,
      line: { catalogItemId: string; quantity: number; termDuration: string; billingCycle: string; promotionId?: string },
      options?: CallOptions,
    ): Promise<PromotionEligibility[]> {
      return pipeline.send(
        {
          ...fromCatalogue('promotions.eligibilities'),
          params: { customerId: customerTenantId },
          customerId: customerTenantId,
          body: { items: [{ id: 0, catalogItemId: line.catalogItemId, quantity: line.quantity, termDuration: line.termDuration, billingCycle: line.billingCycle, ...(line.promotionId ? { promotionId: line.promotionId } : {}) }] },
          parse: ({ body }) =>
            (PromotionEligibilitiesSchema.parse(body).items[0]?.eligibilities ?? []).map((e) => ({
              promotionId: e.promotionId,
              isEligible: e.isEligible,
              errors: (e.errors ?? []).map((x) => ({ type: x.type, description: x.description })),
            })),
        },
        options,
      );
    },
  };
}
