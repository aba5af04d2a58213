import { Stack, Text } from '@mantine/core';
import { formatMoney, parseMoney } from '@csphub/domain';
import { PriceLevelsText } from '../orders/price-levels';
import { useI18n } from '../../i18n/i18n';
import type { Subscription } from '@csphub/server/contract';
import { termLabel } from '../orders/term-label';

/**
 * What happens at the end of the term, in plain words with its date: the renewal (and what changes
 * with it), the paid Extended Service Term that follows a term ending with auto-renew off, or the end.
 */
export function EndOfTermText({ sub }: { sub: Subscription }) {
  const { t, formatDate, locale } = useI18n();
  const e = sub.endOfTerm;
  const date = formatDate(e.at);
  if (e.outcome === 'none') return <Text size="sm">—</Text>;
  if (e.outcome === 'expire') return <Text size="sm">{t('subs.eot.expire', { date })}</Text>;
  if (e.outcome === 'cancel') {
    return (
      <Text size="sm" c="red">
        {t('subs.eot.cancel', { date })}
      </Text>
    );
  }
  if (e.outcome === 'extended_service_term') {
    const monthly = sub.extendedServiceTerm?.monthly;
    // The reader's own level first: what the distributor, the reseller or the customer pays.
    const own = monthly ? (monthly.distributorCost ?? monthly.resellerCost ?? monthly.customerPrice) : undefined;
    if (!monthly || !own) {
      return (
        <Text size="sm" c="orange">
          {t('subs.eot.est', { date })}
        </Text>
      );
    }
    return (
      <Stack gap={2} data-testid="eot-est-price">
        <Text size="sm" c="orange">
          {t('subs.eot.estPriced', { date, price: formatMoney(parseMoney(own.currency, own.amount), locale) })}
        </Text>
        <PriceLevelsText price={monthly} />
      </Stack>
    );
  }
  return (
    <Text size="sm">
      {e.changed && e.next
        ? t('subs.eot.renewChanged', { date, quantity: e.next.quantity, term: termLabel(t, e.next.termDuration, e.next.billingCycle) })
        : t('subs.eot.renew', { date })}
    </Text>
  );
}
