import { Badge, Group, Select, Stack, Text } from '@mantine/core';
import type { PromotionEligibility, TermEndDates } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { isQuantityOk, type CartLine } from './cart-line';

/**
 * What Partner Center offers one cart line before checkout: end dates that align the new
 * subscription with the customer's existing ones or a calendar month (co-terming; shown only when
 * there are any), and the promotions the line qualifies for with Microsoft's reasons when it does not.
 */
export function LineCheckoutOptions(props: { companyId: number; connectionId: string | null; line: CartLine; onChange: (line: CartLine) => void }) {
  const { t, formatDate } = useI18n();
  const { line, connectionId } = props;
  const [termDuration, billingCycle] = (line.term ?? '').split('|') as [string, string | undefined];
  const base = connectionId && line.term ? `/api/v1/companies/${props.companyId}/checkout` : null;
  const dates = useApi<TermEndDates>(base ? `${base}/term-end-dates?connectionId=${connectionId}&termDuration=${termDuration}` : null);
  const quantityOk = isQuantityOk(line);
  const promotions = useApi<PromotionEligibility>(
    base && quantityOk && billingCycle
      ? `${base}/promotions?${new URLSearchParams({ connectionId: connectionId!, catalogItemId: line.sku.catalogItemId, quantity: String(line.quantity), termDuration, billingCycle }).toString()}`
      : null,
  );
  const offered = dates.loading ? [] : (dates.data?.dates ?? []);
  const options = offered.map((d) => ({
    value: d.endDate,
    label:
      d.kind === 'subscription'
        ? t('order.termEnd.aligned', { date: formatDate(d.endDate), products: [...new Set(d.subscriptions.map((s) => s.productName))].join(', ') })
        : t('order.termEnd.monthEnd', { date: formatDate(d.endDate) }),
  }));
  const found = promotions.loading ? [] : (promotions.data?.promotions ?? []);
  return (
    <Stack gap={4}>
      {options.length > 0 && (
        <Select
          label={t('order.termEnd.label')}
          description={t('order.termEnd.hint')}
          data={[{ value: '', label: t('order.termEnd.standard') }, ...options]}
          value={line.customTermEndDate ?? ''}
          onChange={(value) => props.onChange({ ...line, customTermEndDate: value || null })}
          allowDeselect={false}
          data-testid="order-term-end"
        />
      )}
      {found.map((p) => (
        <Group key={p.promotionId} gap="xs" data-testid="order-promotion">
          <Badge color={p.isEligible ? 'green' : 'gray'} variant="light">
            {p.isEligible ? t('order.promotion.eligible') : t('order.promotion.notEligible')}
          </Badge>
          <Text size="xs" data-raw-text>
            {p.promotionId}
          </Text>
          {!p.isEligible && p.reasons.length > 0 && (
            <Text size="xs" c="dimmed" data-raw-text>
              {p.reasons.map((r) => r.description).join(' ')}
            </Text>
          )}
        </Group>
      ))}
    </Stack>
  );
}
