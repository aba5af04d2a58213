import { Group, Text } from '@mantine/core';
import { addMoney, formatMoney, multiplyMoney, parseMoney, toDecimalString, type Money } from '@csphub/domain';
import type { Prices } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';

/** An amount as the API sends it: currency and an exact decimal string. */
export type WireMoney = { currency: string; amount: string };

/** The levels of one price the reader may see (the API leaves out the ones above the reader). */
export interface PriceLevels {
  currency: string;
  billingPlan: 'monthly' | 'annual';
  distributorCost?: WireMoney | undefined;
  resellerCost?: WireMoney | undefined;
  customerPrice?: WireMoney | undefined;
}

const LEVELS = ['distributorCost', 'resellerCost', 'customerPrice'] as const;

/** A price line of `GET /companies/{id}/prices` for a SKU and term, as price levels. */
export function priceOf(prices: Prices | undefined, productId: string, skuId: string, duration: string, billing: string): PriceLevels | undefined {
  const line = prices?.lines.find((l) => l.productId === productId && l.skuId === skuId && l.termDuration === duration && l.billingPlan === billing.toLowerCase());
  return line ? { currency: line.currency, billingPlan: line.billingPlan, distributorCost: line.distributorCost, resellerCost: line.resellerCost, customerPrice: line.customerPrice } : undefined;
}

/** `price` × `quantity` at every level it carries, exactly. */
export function timesQuantity(price: PriceLevels, quantity: number): PriceLevels {
  const out: PriceLevels = { currency: price.currency, billingPlan: price.billingPlan };
  for (const level of LEVELS) {
    const m = price[level];
    if (m) out[level] = toWire(multiplyMoney(parseMoney(m.currency, m.amount), quantity));
  }
  return out;
}

/** Sums prices per currency and billing plan, level by level. */
export function sumPrices(prices: readonly PriceLevels[]): PriceLevels[] {
  const groups = new Map<string, PriceLevels>();
  for (const p of prices) {
    const key = `${p.currency}|${p.billingPlan}`;
    const acc = groups.get(key);
    if (!acc) {
      groups.set(key, { ...p });
      continue;
    }
    for (const level of LEVELS) {
      const a = acc[level];
      const b = p[level];
      acc[level] = a && b ? toWire(addMoney(parseMoney(a.currency, a.amount), parseMoney(b.currency, b.amount))) : undefined;
    }
  }
  return [...groups.values()];
}

function toWire(m: Money): WireMoney {
  return { currency: m.currency, amount: toDecimalString(m) };
}

/**
 * The levels of a price the reader may see, each labelled, with the billing period ("per month"),
 * formatted by Intl in the reader's language.
 */
export function PriceLevelsText(props: { price: PriceLevels; testId?: string; size?: 'xs' | 'sm' }) {
  const { t, locale } = useI18n();
  const per = props.price.billingPlan === 'annual' ? 'price.perYear' : 'price.perMonth';
  return (
    <Group gap="sm" data-testid={props.testId}>
      {LEVELS.map((level) => {
        const m = props.price[level];
        if (!m) return null;
        return (
          <Text key={level} size={props.size ?? 'xs'} data-testid={props.testId ? `${props.testId}-${level}` : undefined}>
            {t(`price.${level}`)}: {t(per, { price: formatMoney(parseMoney(m.currency, m.amount), locale) })}
          </Text>
        );
      })}
    </Group>
  );
}
