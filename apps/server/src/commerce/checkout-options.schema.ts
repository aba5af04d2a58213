import { z } from '@hono/zod-openapi';

const connectionId = z.string().uuid().openapi({ description: 'The connection the tenant is linked through' });
const termDuration = z.enum(['P1M', 'P1Y', 'P3Y']);

export const TermEndDatesQuery = z.object({ connectionId, termDuration });

export const TermEndDatesSchema = z
  .object({
    dates: z.array(
      z.object({
        kind: z.enum(['calendarMonth', 'subscription']).openapi({ description: 'The end of a calendar month, or the end of existing subscriptions (co-terming)' }),
        endDate: z.string().openapi({ description: "As Partner Center gives it; send it back as the order line's customTermEndDate" }),
        subscriptions: z.array(z.object({ id: z.string(), productName: z.string() })),
      }),
    ),
  })
  .openapi('TermEndDates');

export const PromotionsQuery = z.object({
  connectionId,
  catalogItemId: z.string().min(3).max(100),
  quantity: z.coerce.number().int().min(1).max(1_000_000),
  termDuration,
  billingCycle: z.enum(['monthly', 'annual', 'triennial']),
});

export const PromotionEligibilitySchema = z
  .object({
    promotions: z.array(
      z.object({
        promotionId: z.string(),
        isEligible: z.boolean(),
        reasons: z.array(z.object({ type: z.string(), description: z.string() })).openapi({ description: "Why not, in Microsoft's words" }),
      }),
    ),
  })
  .openapi('PromotionEligibility');
