import { ActionIcon, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { Prices } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';
import { PriceLevelsText, priceOf, sumPrices, timesQuantity, type PriceLevels } from './price-levels';
import { termLabel } from './term-label';
import { LineCheckoutOptions } from './line-checkout-options';
import { isQuantityOk, type CartLine } from './cart-line';

export { isQuantityOk, type CartLine } from './cart-line';

/** The line's unit price at the levels the reader may see, from the month's prices. */
function unitPriceOf(line: CartLine, prices: Prices | undefined): PriceLevels | undefined {
  if (!line.term) return undefined;
  const [duration, billing] = line.term.split('|') as [string, string];
  return priceOf(prices, line.product.id, line.sku.skuId, duration, billing);
}

/**
 * The cart of the order dialog: each line's seats and term, its unit price and line total at the
 * reader's levels, and the cart's total per currency and billing period (exact money, Intl text).
 */
export function CartLines(props: {
  lines: CartLine[];
  prices: Prices | undefined;
  onChange: (index: number, line: CartLine) => void;
  onRemove: (index: number) => void;
  /** Where the line's checkout options (co-terming, promotions) come from. */
  checkout?: { companyId: number; connectionId: string | null };
}) {
  const { t } = useI18n();
  const totals = sumPrices(
    props.lines.flatMap((line) => {
      const unit = unitPriceOf(line, props.prices);
      return unit && isQuantityOk(line) ? [timesQuantity(unit, Number(line.quantity))] : [];
    }),
  );
  if (props.lines.length === 0) return <Text c="dimmed">{t('order.cartEmpty')}</Text>;
  return (
    <Stack gap="sm" data-testid="order-cart">
      <Text fw={600}>{t('order.cart')}</Text>
      {props.lines.map((line, i) => {
        const unit = unitPriceOf(line, props.prices);
        const ok = isQuantityOk(line);
        const terms = line.sku.terms.map((x) => ({ value: `${x.duration}|${x.billingCycle}`, label: termLabel(t, x.duration, x.billingCycle) }));
        return (
          <Stack key={line.sku.catalogItemId} gap={4} p="xs" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6 }} data-testid={`order-line-${i}`}>
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                {line.sku.title}
              </Text>
              <ActionIcon variant="subtle" color="red" aria-label={t('order.removeLine', { product: line.sku.title })} onClick={() => props.onRemove(i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Group align="flex-end" grow>
              <NumberInput
                label={t('order.quantity')}
                description={t('order.quantityHint', { min: line.sku.minimumQuantity, max: line.sku.maximumQuantity })}
                min={line.sku.minimumQuantity}
                max={line.sku.maximumQuantity}
                value={line.quantity}
                onChange={(quantity) => props.onChange(i, { ...line, quantity })}
                allowDecimal={false}
                error={!ok ? t('order.quantityHint', { min: line.sku.minimumQuantity, max: line.sku.maximumQuantity }) : undefined}
                data-testid="order-quantity"
              />
              <Select label={t('order.term')} data={terms} value={line.term} onChange={(term) => props.onChange(i, { ...line, term, customTermEndDate: null })} allowDeselect={false} data-testid="order-term" />
            </Group>
            {props.checkout && <LineCheckoutOptions companyId={props.checkout.companyId} connectionId={props.checkout.connectionId} line={line} onChange={(next) => props.onChange(i, next)} />}
            {unit ? (
              <>
                <PriceLevelsText price={unit} testId="order-line-unit" />
                {ok && (
                  <Group gap="xs">
                    <Text size="xs" c="dimmed">
                      {t('order.lineTotal')}
                    </Text>
                    <PriceLevelsText price={timesQuantity(unit, Number(line.quantity))} testId="order-line-total" />
                  </Group>
                )}
              </>
            ) : (
              props.prices && (
                <Text size="xs" c="dimmed">
                  {t('price.none')}
                </Text>
              )
            )}
          </Stack>
        );
      })}
      {totals.map((total) => (
        <Group key={`${total.currency}|${total.billingPlan}`} gap="xs" data-testid="order-total-row">
          <Text fw={600}>{t('order.total')}</Text>
          <PriceLevelsText price={total} size="sm" testId="order-total" />
        </Group>
      ))}
    </Stack>
  );
}
