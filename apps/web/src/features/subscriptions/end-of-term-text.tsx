import { Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { Subscription } from '@csphub/server/contract';
import { termLabel } from '../orders/term-label';

/**
 * What happens at the end of the term, in plain words with its date: the renewal (and what changes
 * with it), the paid Extended Service Term that follows a term ending with auto-renew off, or the end.
 */
export function EndOfTermText({ sub }: { sub: Subscription }) {
  const { t, formatDate } = useI18n();
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
    return (
      <Text size="sm" c="orange">
        {t('subs.eot.est', { date })}
      </Text>
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
