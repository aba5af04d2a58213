import { z } from 'zod';
import { acceptPascalCase } from './case';

/** `GET …/subscriptions/customTermEndDates` answer (docs/PARTNER-CENTER-REFERENCE.md §9.4). */
export const CustomTermEndDatesSchema = z.object({
  totalCount: z.number().int().optional(),
  items: z.array(
    z.looseObject({
      allowedCustomTermEndDateType: z.string(),
      allowedCustomTermEndDate: z.string(),
      cotermSubscriptionIds: z.array(z.string()).optional().nullable(),
    }),
  ),
});
export type CustomTermEndDates = z.infer<typeof CustomTermEndDatesSchema>;

/** One transaction to check: `POST …/promotionEligibilities` (§9.4); without `promotionId`, every promotion that applies. */
export const PromotionEligibilityRequestSchema = acceptPascalCase(
  z.object({
    items: z
      .array(
        z.object({
          id: z.number().int().nonnegative(),
          catalogItemId: z.string().min(1),
          quantity: z.number().int(),
          termDuration: z.string().min(1),
          billingCycle: z.string().min(1),
          promotionId: z.string().optional().nullable(),
        }),
      )
      .min(1),
  }),
);
export type PromotionEligibilityRequest = z.infer<typeof PromotionEligibilityRequestSchema>;

export const PromotionEligibilityErrorSchema = z.looseObject({
  type: z.string(),
  description: z.string(),
  minimumQuantity: z.number().int().optional(),
  maximumQuantity: z.number().int().optional(),
  availableQuantity: z.number().int().optional(),
});

export const PromotionEligibilitiesSchema = z.object({
  items: z.array(
    z.looseObject({
      id: z.number().int(),
      catalogItemId: z.string(),
      eligibilities: z.array(z.looseObject({ promotionId: z.string(), isEligible: z.boolean(), errors: z.array(PromotionEligibilityErrorSchema).optional().nullable() })),
    }),
  ),
});
export type PromotionEligibilities = z.infer<typeof PromotionEligibilitiesSchema>;
