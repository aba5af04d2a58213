import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import { NewOrderModal } from './new-order-modal';
import type { ListOf, Order, OrderStatus } from '@csphub/server/contract';
import { useLinkedTenants } from './use-linked-tenants';
import { PriceLevelsText } from './price-levels';
import { describeProblem } from '../../i18n/problem-text';

const COLORS: Record<OrderStatus, string> = { submitted: 'gray', in_progress: 'blue', fulfilled: 'green', failed: 'red', needs_attention: 'orange' };

/** A customer's orders, newest first, refreshed while any is still moving; and the New order button. */
export function OrdersTab({ company }: { company: { id: number; name: string } }) {
  const { t, formatDate } = useI18n();
  const { can } = useSession();
  const orders = useApi<ListOf<Order>>(`/api/v1/companies/${company.id}/orders`);
  const { linked } = useLinkedTenants(company.id);
  const [ordering, setOrdering] = useState(false);
  const open = (orders.data?.items ?? []).some((o) => o.status === 'submitted' || o.status === 'in_progress');
  const { reload } = orders;
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(reload, 2000);
    return () => clearInterval(timer);
  }, [open, reload]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('orders.title')}</Title>
        {can('company.update') && (
          <Button onClick={() => setOrdering(true)} disabled={linked.length === 0} data-testid="new-order">
            {t('orders.new')}
          </Button>
        )}
      </Group>
      {linked.length === 0 && can('company.update') && <Alert color="yellow">{t('orders.noTenant')}</Alert>}
      {orders.loading && !orders.data && (
        <Group>
          <Loader size="sm" />
          <Text>{t('orders.loading')}</Text>
        </Group>
      )}
      {orders.error && (
        <Alert color="red">
          {t('orders.error', { message: describeProblem(orders.error) })}{' '}
          <Button size="xs" variant="default" onClick={orders.reload}>
            {t('home.status.retry')}
          </Button>
        </Alert>
      )}
      {orders.data && orders.data.items.length === 0 && <Text c="dimmed">{t('orders.empty')}</Text>}
      {orders.data && orders.data.items.length > 0 && (
        <Table striped data-testid="orders-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('orders.reference')}</Table.Th>
              <Table.Th>{t('orders.products')}</Table.Th>
              <Table.Th>{t('orders.status')}</Table.Th>
              <Table.Th>{t('orders.placedAt')}</Table.Th>
              <Table.Th>{t('orders.placedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.data.items.map((o) => (
              <Table.Tr key={o.id} data-testid={`order-${o.reference}`}>
                <Table.Td>{o.reference}</Table.Td>
                <Table.Td>
                  {o.lines.map((l) => (
                    <Stack key={l.catalogItemId} gap={0}>
                      <Text size="sm">{t('order.lines', { quantity: l.quantity, product: l.skuTitle })}</Text>
                      {l.customTermEndDate && (
                        <Text size="xs" c="dimmed" data-testid="order-line-term-end">
                          {t('order.termEnd.chosen', { date: formatDate(l.customTermEndDate) })}
                        </Text>
                      )}
                      {l.price && <PriceLevelsText price={l.price} testId="order-line-price" />}
                    </Stack>
                  ))}
                  {o.totals.map((total) => (
                    <Group key={`${total.currency}|${total.billingPlan}`} gap="xs" mt={4} data-testid="order-total-row">
                      <Text size="sm" fw={600}>
                        {t('orders.total')}
                      </Text>
                      <PriceLevelsText price={total} size="sm" testId="order-total" />
                    </Group>
                  ))}
                  {o.unpricedLines > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('orders.unpriced', { count: o.unpricedLines })}
                    </Text>
                  )}
                  {o.subscriptionIds.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('orders.subscriptions')}: {o.subscriptionIds.join(', ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={COLORS[o.status]} data-testid="order-status">
                    {t(`orders.status.${o.status}` as MessageKey)}
                  </Badge>
                  {o.errorMessage && (
                    <Text size="xs" c={o.status === 'failed' ? 'red' : 'orange'} data-testid="order-message">
                      {o.errorCode === 'MCA_ACCEPTANCE_PENDING' ? t('orders.heldForMca') : o.errorMessage}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDate(o.createdAt, 'dateTime')}</Table.Td>
                <Table.Td>{o.createdBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {ordering && <NewOrderModal opened onClose={() => setOrdering(false)} companyId={company.id} companyName={company.name} linked={linked} onPlaced={() => orders.reload()} />}
    </Stack>
  );
}
