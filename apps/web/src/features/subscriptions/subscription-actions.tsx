import { useState } from 'react';
import { Alert, Button, Group, Menu, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { apiSend, ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import type { Subscription, SubscriptionAction } from '@csphub/server/contract';
import { describeProblem } from '../../i18n/problem-text';
import { EndOfTermModal } from './end-of-term-modal';

/**
 * The actions of one subscription as the server allows them now (disabled ones say why), the seats
 * dialog with the window's time left, and Microsoft's refusal shown as the server explains it.
 */
export function SubscriptionActions({ companyId, sub, onChanged }: { companyId: number; sub: Subscription; onChanged: () => void }) {
  const { t } = useI18n();
  const [seatsOpen, setSeatsOpen] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [renewalOpen, setRenewalOpen] = useState(false);
  const [quantity, setQuantity] = useState<number | string>(sub.quantity);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const reason = (a: SubscriptionAction) => (sub.actions[a].reason ? t(`subs.reason.${sub.actions[a].reason}` as MessageKey) : undefined);

  const change = async (body: Record<string, unknown>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await apiSend('PATCH', `/api/v1/companies/${companyId}/subscriptions/${sub.id}`, { connectionId: sub.connectionId, ...body });
      notifications.show({ color: 'green', message: t('subs.saved') });
      after?.();
      onChanged();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', String(e), undefined);
      setError(err);
      if (!seatsOpen && !confirmCancel) notifications.show({ color: 'red', title: t('subs.refused'), message: err.message });
    } finally {
      setBusy(false);
    }
  };
  const q = typeof quantity === 'number' ? quantity : Number(quantity);
  const canAdd = sub.actions.add_seats.allowed;
  const canReduce = sub.actions.reduce_seats.allowed;
  const seatsValid = Number.isInteger(q) && q !== sub.quantity && q >= sub.bounds.minimum && q <= sub.bounds.maximum && (q > sub.quantity ? canAdd : canReduce || q > sub.quantity);

  const item = (a: SubscriptionAction, label: MessageKey, onClick: () => void) => (
    <Menu.Item disabled={!sub.actions[a].allowed} onClick={onClick} title={reason(a)} data-testid={`action-${a}`}>
      {t(label)}
      {!sub.actions[a].allowed && reason(a) && (
        <Text size="xs" c="dimmed">
          {reason(a)}
        </Text>
      )}
    </Menu.Item>
  );

  return (
    <>
      <Menu withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" loading={busy} data-testid={`actions-${sub.id}`}>
            {t('subs.actions')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            disabled={!canAdd && !canReduce}
            onClick={() => {
              setQuantity(sub.quantity);
              setError(null);
              setSeatsOpen(true);
            }}
            data-testid="action-change-seats"
          >
            {t('subs.changeSeats')}
          </Menu.Item>
          <Menu.Item disabled={sub.status !== 'active'} onClick={() => setRenewalOpen(true)} data-testid="action-end-of-term">
            {t('subs.renewal')}
          </Menu.Item>
          {item('cancel', 'subs.cancel', () => setConfirmCancel(true))}
          {sub.autoRenew ? item('disable_auto_renew', 'subs.autoRenewOff', () => void change({ autoRenew: false })) : item('enable_auto_renew', 'subs.autoRenewOn', () => void change({ autoRenew: true }))}
          {sub.status === 'suspended' ? item('reactivate', 'subs.reactivate', () => void change({ status: 'active' })) : item('suspend', 'subs.suspend', () => void change({ status: 'suspended' }))}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={seatsOpen} onClose={() => setSeatsOpen(false)} title={t('subs.seatsTitle', { product: sub.productName })}>
        <Stack>
          <Text size="sm">{canReduce ? t('subs.seatsHint', { hours: sub.window.hoursLeft }) : t('subs.seatsReduceClosed')}</Text>
          <NumberInput
            label={t('subs.quantity')}
            value={quantity}
            onChange={setQuantity}
            min={canReduce ? sub.bounds.minimum : sub.quantity}
            max={sub.bounds.maximum}
            allowDecimal={false}
            data-testid="seats-input"
          />
          {error && (
            <Alert color="red" title={t('subs.refused')} data-testid="subscription-error">
              {describeProblem(error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSeatsOpen(false)}>
              {t('order.cancel')}
            </Button>
            <Button onClick={() => void change({ quantity: q }, () => setSeatsOpen(false))} disabled={!seatsValid} loading={busy} data-testid="seats-save">
              {t('subs.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {renewalOpen && <EndOfTermModal companyId={companyId} sub={sub} onClose={() => setRenewalOpen(false)} onChanged={onChanged} />}
      <Modal opened={confirmCancel} onClose={() => setConfirmCancel(false)} title={t('subs.cancel')}>
        <Stack>
          <Text size="sm">{t('subs.confirmCancel', { product: sub.productName, quantity: sub.quantity })}</Text>
          {error && (
            <Alert color="red" title={t('subs.refused')}>
              {describeProblem(error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCancel(false)}>
              {t('order.cancel')}
            </Button>
            <Button color="red" onClick={() => void change({ status: 'deleted' }, () => setConfirmCancel(false))} loading={busy}>
              {t('subs.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
