import { z } from '@hono/zod-openapi';

/** An amount: ISO currency and a plain decimal string in the currency's minor unit (`"12.50"`); never a float. */
export const MoneySchema = z.object({ currency: z.string().length(3), amount: z.string().openapi({ example: '12.50' }) }).openapi('Money');

const TermFields = {
  termDuration: z.enum(['P1M', 'P1Y', 'P3Y']),
  billingPlan: z.enum(['monthly', 'annual']),
};

export const PriceLineSchema = z
  .object({
    productId: z.string(),
    skuId: z.string(),
    ...TermFields,
    currency: z.string().length(3),
    distributorCost: MoneySchema.optional().openapi({ description: "Only the distributor's staff see it" }),
    resellerCost: MoneySchema.optional().openapi({ description: "The distributor's and the reseller's staff see it" }),
    customerPrice: MoneySchema.optional().openapi({ description: 'For a customer; everyone who may see the customer sees it' }),
    retail: MoneySchema.openapi({ description: "Microsoft's estimated retail price" }),
    effectiveStart: z.string(),
    effectiveEnd: z.string(),
  })
  .openapi('PriceLine');

export const PricesResponseSchema = z
  .object({ connectionId: z.string().nullable(), market: z.string().nullable(), viewer: z.enum(['distributor', 'reseller', 'customer']), lines: z.array(PriceLineSchema) })
  .openapi('Prices');

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const PriceRuleBodySchema = z
  .object({
    buyerCompanyId: z.number().int().positive().optional().openapi({ description: "A buyer's override; absent: the seller's default" }),
    productId: z.string().min(1).max(40).optional(),
    skuId: z.string().min(1).max(40).optional(),
    termDuration: TermFields.termDuration.optional(),
    billingPlan: TermFields.billingPlan.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code in capitals'),
    validFrom: day,
    validTo: day.optional(),
    kind: z.enum(['margin', 'fixed']),
    basisPoints: z.number().int().min(-9999).max(1_000_000).optional().openapi({ description: 'For a margin: 1500 is 15 %' }),
    amount: z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, 'a decimal amount such as 12.50').optional().openapi({ description: 'For a fixed price, per unit and billing period' }),
  })
  .openapi('PriceRuleInput');

export const PriceRuleSchema = z
  .object({
    id: z.string(),
    level: z.enum(['reseller', 'customer']),
    sellerCompanyId: z.number().int(),
    buyerCompanyId: z.number().int().nullable(),
    buyerName: z.string().nullable(),
    productId: z.string().nullable(),
    skuId: z.string().nullable(),
    termDuration: z.string().nullable(),
    billingPlan: z.string().nullable(),
    currency: z.string(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    kind: z.enum(['margin', 'fixed']),
    basisPoints: z.number().int().nullable(),
    amount: MoneySchema.nullable(),
  })
  .openapi('PriceRule');

export const PriceRulesResponseSchema = z.object({ rules: z.array(PriceRuleSchema) }).openapi('PriceRules');

export type PriceLine = z.infer<typeof PriceLineSchema>;
export type PriceRuleView = z.infer<typeof PriceRuleSchema>;
