import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { apiFetch } from '../../api/api-client';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import type { ListOf, Order, Subscriptions } from '@csphub/server/contract';
import { termLabel } from '../orders/term-label';
import { MovePanel } from './move-panel';
import { TransferPanel } from './transfer-panel';
import { GdapPendingNotice } from '../new-service/gdap-pending-notice';
import { SubscriptionActions } from './subscription-actions';
import { EndOfTermText } from './end-of-term-text';
import { describeProblem } from '../../i18n/problem-text';

const isOpen = (o: Order) => o.status === 'submitted' || o.status === 'in_progress';

/**
 * Subscriptions per linked tenant, with the window's time left and the allowed actions.
 * An order still being fulfilled is shown as such (its subscriptions do not exist in Partner Center
 * yet), the orders are looked at again while one is open, and when one finishes the subscriptions and
 * the move panel are read again together. The orders are read first: an order already finished there
 * was fulfilled in Partner Center before the subscriptions are read, so the page never shows a
 * finished order without its subscriptions.
 */
export function SubscriptionsTab({ company }: { company: { id: number; name: string } }) {
  const { t, formatDate } = useI18n();
  const { can } = useSession();
  const orders = useApi<ListOf<Order>>(`/api/v1/companies/${company.id}/orders`);
  const ordersRead = orders.data !== undefined || orders.error !== undefined;
  const data = useApi<Subscriptions>(ordersRead ? `/api/v1/companies/${company.id}/subscriptions` : null);
  const canManage = can('company.update');
  const [moveVersion, setMoveVersion] = useState(0);
  const [refreshingNow, setRefreshingNow] = useState(false);
  const openOrders = (orders.data?.items ?? []).filter(isOpen);
  const openKey = openOrders.map((o) => o.id).join(',');
  const { reload: reloadOrders } = orders;
  const { reload: reloadSubscriptions } = data;
  useEffect(() => {
    if (!openKey) return;
    const timer = setInterval(reloadOrders, 2000);
    return () => clearInterval(timer);
  }, [openKey, reloadOrders]);
  // When an order finishes (fulfilled or failed: it joins the closed ones), read the subscriptions
  // and the move panel again.
  const closedKey = (orders.data?.items ?? [])
    .filter((o) => !isOpen(o))
    .map((o) => o.id)
    .sort()
    .join(',');
  const seenClosed = useRef<string | null>(null);
  const ordersLoaded = orders.data !== undefined;
  useEffect(() => {
    if (!ordersLoaded) return;
    const before = seenClosed.current;
    seenClosed.current = closedKey;
    if (before !== null && before !== closedKey) {
      reloadSubscriptions();
      setMoveVersion((v) => v + 1);
    }
  }, [closedKey, ordersLoaded, reloadSubscriptions]);
  // A stored read being refreshed behind the answer: look again shortly for the new one.
  const behind = (data.data?.tenants ?? []).some((tenant) => tenant.refreshing);
  useEffect(() => {
    if (!behind) return;
    const timer = setTimeout(reloadSubscriptions, 3000);
    return () => clearTimeout(timer);
  }, [behind, reloadSubscriptions]);
  const refreshNow = () => {
    setRefreshingNow(true);
    apiFetch(`/api/v1/companies/${company.id}/subscriptions?refresh=true`)
      .catch(() => undefined) // the reload below shows what is stored, with the error if any
      .finally(() => {
        setRefreshingNow(false);
        reloadSubscriptions();
      });
  };
  if (!ordersRead || (data.loading && !data.data)) {
    return (
      <Group>
        <Loader size="sm" />
        <Text>{t('subs.loading')}</Text>
      </Group>
    );
  }
  if (data.error && !data.data) {
    return (
      <Alert color="red">
        {t('subs.error', { message: describeProblem(data.error) })}{' '}
        <Button size="xs" variant="default" onClick={data.reload}>
          {t('home.status.retry')}
        </Button>
      </Alert>
    );
  }
  const tenants = data.data?.tenants ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('subs.title')}</Title>
        {tenants.length > 0 && (
          <Button size="xs" variant="default" loading={refreshingNow} onClick={refreshNow} data-testid="subscriptions-refresh">
            {t('subs.refresh')}
          </Button>
        )}
      </Group>
      {tenants.length === 0 && <Text c="dimmed">{t('subs.noTenant')}</Text>}
      {tenants.map((tenant) => (
        <Stack key={`${tenant.connection.id}-${tenant.tenantId}`} gap="xs">
          <Text fw={600}>{t('subs.tenant', { connection: tenant.connection.name, domain: tenant.defaultDomain ?? tenant.tenantId })}</Text>
          {tenant.asOf && (
            <Text size="xs" c="dimmed" data-testid="subscriptions-as-of">
              {t(tenant.refreshing ? 'subs.asOfRefreshing' : 'subs.asOf', { time: formatDate(tenant.asOf, 'dateTime') })}
            </Text>
          )}
          {tenant.error && <GdapPendingNotice companyId={company.id} details={tenant.error} fallback={<Alert color="red">{t('subs.tenantError', { message: tenant.error })}</Alert>} />}
          {tenant.licensesError && (
            <GdapPendingNotice
              companyId={company.id}
              details={tenant.licensesError}
              fallback={
                <Alert color="gray" variant="light" data-testid="licenses-hidden">
                  {t('subs.licensesHidden')}
                  <Text size="xs" c="dimmed" mt="xs" data-raw-text>
                    {t('gdap.pending.details', { details: tenant.licensesError })}
                  </Text>
                </Alert>
              }
            />
          )}
          {openOrders
            .filter((o) => o.connectionId === tenant.connection.id)
            .map((o) => (
              <Alert key={o.id} color="blue" variant="light" icon={<Loader size="xs" />} data-testid="subscriptions-order-pending">
                {t('subs.orderPending', {
                  reference: o.reference,
                  products: o.lines.map((l) => t('order.lines', { quantity: l.quantity, product: l.skuTitle })).join(', '),
                  status: t(`orders.status.${o.status}` as MessageKey),
                })}
              </Alert>
            ))}
          {!tenant.error && tenant.subscriptions.length === 0 && !openOrders.some((o) => o.connectionId === tenant.connection.id) && <Text c="dimmed">{t('subs.empty')}</Text>}
          {tenant.subscriptions.length > 0 && (
            <Table.ScrollContainer minWidth={900}>
              <Table striped data-testid="subscriptions-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('subs.product')}</Table.Th>
                    <Table.Th>{t('subs.quantity')}</Table.Th>
                    <Table.Th>{t('subs.assigned')}</Table.Th>
                    <Table.Th>{t('subs.status')}</Table.Th>
                    <Table.Th>{t('subs.term')}</Table.Th>
                    <Table.Th>{t('subs.termEnd')}</Table.Th>
                    <Table.Th>{t('subs.autoRenew')}</Table.Th>
                    <Table.Th>{t('subs.atTermEnd')}</Table.Th>
                    <Table.Th>{t('subs.partnerOfRecord')}</Table.Th>
                    <Table.Th>{t('subs.window')}</Table.Th>
                    {canManage && <Table.Th>{t('subs.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tenant.subscriptions.map((s) => (
                    <Table.Tr key={s.id} data-testid={`subscription-${s.id}`}>
                      <Table.Td>{s.productName}</Table.Td>
                      <Table.Td data-testid="subscription-quantity">{s.quantity}</Table.Td>
                      <Table.Td>{s.assigned ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge color={s.status === 'active' ? 'green' : 'gray'}>{t(`subs.status.${s.status}` as MessageKey)}</Badge>
                      </Table.Td>
                      <Table.Td>{termLabel(t, s.termDuration, s.billingCycle)}</Table.Td>
                      <Table.Td>
                        {formatDate(s.termEndsAt)}
                        {s.expiry.isNear && (
                          <Badge color="orange" ml={4}>
                            {t('subs.expiryNear', { days: s.expiry.daysLeft })}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{s.autoRenew ? t('subs.yes') : t('subs.no')}</Table.Td>
                      <Table.Td data-testid="subscription-end-of-term">
                        <EndOfTermText sub={s} />
                      </Table.Td>
                      <Table.Td>{s.partnerOfRecord ?? '—'}</Table.Td>
                      <Table.Td data-testid="subscription-window">
                        {s.window.isOpen ? (
                          <Badge color={s.window.closingSoon ? 'orange' : 'blue'}>{t(s.window.closingSoon ? 'subs.windowClosingSoon' : 'subs.windowOpen', { hours: s.window.hoursLeft })}</Badge>
                        ) : (
                          <Badge color="gray">{t('subs.windowClosed')}</Badge>
                        )}
                      </Table.Td>
                      {canManage && (
                        <Table.Td>
                          <SubscriptionActions companyId={company.id} sub={s} onChanged={data.reload} />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {tenant.heldElsewhere !== null && <TransferPanel companyId={company.id} connectionId={tenant.connection.id} refreshKey={moveVersion} onCompleted={data.reload} />}
          {tenant.heldElsewhere !== null && <MovePanel company={company} connectionId={tenant.connection.id} refreshKey={moveVersion} onOrderPlaced={reloadOrders} />}
        </Stack>
      ))}
    </Stack>
  );
}
