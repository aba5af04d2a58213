import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Radio, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { apiSend, ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import type { Subscription } from '@csphub/server/contract';
import { termLabel } from '../orders/term-label';

const TERMS = ['P1M|monthly', 'P1Y|monthly', 'P1Y|annual', 'P3Y|monthly', 'P3Y|annual'];

type Outcome = 'renew' | 'cancel' | 'extended_service_term';

/**
 * The end of term, chosen: renew (with the seats, term and billing it renews with, scheduled in
 * Partner Center; the current term stays as it is, and changing the seats now deletes them:
 * Microsoft's rule), cancel at term end, or run on in the paid Extended Service Term.
 */
export function EndOfTermModal({ companyId, sub, onClose, onChanged }: { companyId: number; sub: Subscription; onClose: () => void; onChanged: () => void }) {
  const { t, formatDate } = useI18n();
  const next = sub.endOfTerm.next;
  const [quantity, setQuantity] = useState<number | string>(next?.quantity ?? sub.quantity);
  const [term, setTerm] = useState<string>(`${next?.termDuration ?? sub.termDuration}|${next?.billingCycle ?? sub.billingCycle}`);
  const [outcome, setOutcome] = useState<Outcome>(sub.endOfTerm.outcome === 'cancel' || sub.endOfTerm.outcome === 'extended_service_term' ? sub.endOfTerm.outcome : 'renew');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const q = typeof quantity === 'number' ? quantity : Number(quantity);
  const valid = Number.isInteger(q) && q >= sub.bounds.minimum && q <= sub.bounds.maximum;
  const terms = TERMS.includes(term) ? TERMS : [term, ...TERMS];

  const save = async (body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await apiSend('PUT', `/api/v1/companies/${companyId}/subscriptions/${sub.id}/renewal`, body);
      notifications.show({ color: 'green', message: t('subs.saved') });
      onChanged();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e), undefined));
    } finally {
      setBusy(false);
    }
  };
  const [termDuration, billingCycle] = term.split('|') as [string, string];

  return (
    <Modal opened onClose={onClose} title={t('subs.eot.title', { product: sub.productName })}>
      <Stack>
        <Radio.Group label={t('subs.eot.choose', { date: formatDate(sub.termEndsAt) })} value={outcome} onChange={(v) => setOutcome(v as Outcome)}>
          <Stack gap="xs" mt="xs">
            <Radio value="renew" label={t('subs.eot.optionRenew')} data-testid="eot-renew" />
            <Radio value="cancel" label={t('subs.eot.optionCancel')} data-testid="eot-cancel" />
            <Radio value="extended_service_term" label={t('subs.eot.optionEst')} data-testid="eot-est" />
          </Stack>
        </Radio.Group>
        {outcome === 'renew' && (
          <>
            <Text size="sm">{t('subs.renewalHint', { date: formatDate(sub.termEndsAt) })}</Text>
            <NumberInput label={t('subs.quantity')} value={quantity} onChange={setQuantity} min={sub.bounds.minimum} max={sub.bounds.maximum} allowDecimal={false} data-testid="renewal-quantity" />
            <Select label={t('order.term')} data={terms.map((x) => ({ value: x, label: termLabel(t, x.split('|')[0]!, x.split('|')[1]!) }))} value={term} onChange={(v) => v && setTerm(v)} allowDeselect={false} data-testid="renewal-term" />
          </>
        )}
        {error && (
          <Alert color="red" title={t('subs.refused')} data-testid="renewal-error">
            {describeProblem(error)}
          </Alert>
        )}
        <Group justify="space-between">
          {outcome === 'renew' && sub.endOfTerm.changed ? (
            <Button variant="subtle" color="red" onClick={() => void save({ connectionId: sub.connectionId, outcome: 'renew', next: null })} loading={busy} data-testid="renewal-clear">
              {t('subs.renewalClear')}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('order.cancel')}
            </Button>
            <Button
              onClick={() => void save(outcome === 'renew' ? { connectionId: sub.connectionId, outcome, next: { quantity: q, termDuration, billingCycle } } : { connectionId: sub.connectionId, outcome })}
              disabled={outcome === 'renew' && !valid}
              loading={busy}
              data-testid="renewal-save"
            >
              {t('subs.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
