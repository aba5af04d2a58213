import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import { NewOrderModal } from '../orders/new-order-modal';
import { useLinkedTenants } from '../orders/use-linked-tenants';
import type { SubscriptionMoveItem, SubscriptionMoves } from '@csphub/server/contract';
import { describeProblem } from '../../i18n/problem-text';

type MoveItem = SubscriptionMoveItem;

/**
 * Moving from another partner by buying here and letting the other partner cancel (the path for
 * licences Microsoft's transfer does not cover, and the fallback when the current partner does not
 * accept a transfer; each row says which applies): the seats the tenant holds elsewhere with purchased and
 * assigned counts, the expiry (entered from the customer's admin center) with a warning when near,
 * and the next step of the guided path, with the replacement order one click away.
 */
export function MovePanel({
  company,
  connectionId,
  refreshKey = 0,
  onOrderPlaced,
}: {
  company: { id: number; name: string };
  connectionId: string;
  /** Changes when the subscriptions were read again (an order finished): the panel reads again too. */
  refreshKey?: number;
  /** The replacement order was accepted (the subscriptions tab then shows it in progress). */
  onOrderPlaced?: () => void;
}) {
  const { t, formatDate } = useI18n();
  const { can } = useSession();
  const moves = useApi<SubscriptionMoves>(`/api/v1/companies/${company.id}/subscription-moves?connectionId=${connectionId}`);
  const { reload: reloadMoves } = moves;
  useEffect(() => {
    if (refreshKey > 0) reloadMoves();
  }, [refreshKey, reloadMoves]);
  const { linked } = useLinkedTenants(company.id);
  const [dates, setDates] = useState<Record<string, string>>({});
  const [ordering, setOrdering] = useState<MoveItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = async (item: MoveItem, body: Record<string, unknown>) => {
    setError(null);
    try {
      await apiSend('PUT', `/api/v1/companies/${company.id}/subscription-moves/${encodeURIComponent(item.skuId)}`, { connectionId, skuName: item.name, ...body });
      moves.reload();
    } catch (e) {
      setError(describeProblem(e));
    }
  };
  if (moves.loading && !moves.data) return <Loader size="sm" />;
  if (moves.error) return <Alert color="red">{describeProblem(moves.error)}</Alert>;
  const items = moves.data?.items ?? [];
  return (
    <Stack gap="xs" data-testid="move-panel">
      <Title order={4}>{t('move.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('move.intro')}
      </Text>
      {items.length === 0 && <Text c="dimmed">{t('move.empty')}</Text>}
      {error && <Alert color="red">{error}</Alert>}
      {items.length > 0 && (
        <Table data-testid="move-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('move.sku')}</Table.Th>
              <Table.Th>{t('move.purchased')}</Table.Th>
              <Table.Th>{t('move.assigned')}</Table.Th>
              <Table.Th>{t('move.expires')}</Table.Th>
              <Table.Th>{t('move.step')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.skuId} data-testid={`move-${item.name}`}>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm">{item.name}</Text>
                    <Text size="xs" c="dimmed" data-testid="move-path">
                      {item.path === 'transfer' ? t('move.byTransfer') : t('transfer.reason.not_new_commerce')}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td data-testid="move-purchased">{item.purchased}</Table.Td>
                <Table.Td data-testid="move-assigned">{item.assigned}</Table.Td>
                <Table.Td>
                  {item.oldExpiresAt ? (
                    <Stack gap={2}>
                      <Text size="sm">{formatDate(item.oldExpiresAt)}</Text>
                      {item.expiry?.isNear && (
                        <Badge color="orange" data-testid="move-expiry-warning">
                          {t('move.expiryNear', { days: item.expiry.daysLeft })}
                        </Badge>
                      )}
                      {item.expiry?.isExpired && <Badge color="red">{t('move.expired')}</Badge>}
                    </Stack>
                  ) : can('company.update') ? (
                    <Group gap="xs" align="flex-end">
                      <TextInput
                        type="date"
                        size="xs"
                        label={t('move.expiresLabel', { sku: item.name })}
                        description={t('move.expiresUnknown')}
                        value={dates[item.skuId] ?? ''}
                        onChange={(e) => setDates({ ...dates, [item.skuId]: e.currentTarget.value })}
                        data-testid="move-expiry-input"
                      />
                      <Button size="xs" disabled={!dates[item.skuId]} onClick={() => void save(item, { oldExpiresAt: dates[item.skuId] })} data-testid="move-expiry-save">
                        {t('move.saveExpiry')}
                      </Button>
                    </Group>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <Text size="sm" data-testid="move-step">
                      {t(`move.step.${item.step}` as MessageKey)}
                    </Text>
                    {item.replacement && <Text size="xs">{t('move.replacement', { product: item.replacement.productName, quantity: item.replacement.quantity, status: item.replacement.status })}</Text>}
                    {item.step === 'order_replacement' && can('company.update') && (
                      <>
                        <Text size="xs" c="dimmed">
                          {t('move.minimum', { count: item.minimumQuantity })}
                        </Text>
                        <Button size="xs" onClick={() => setOrdering(item)} disabled={linked.length === 0} data-testid="move-order">
                          {t('move.orderReplacement')}
                        </Button>
                      </>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {ordering && (
        <NewOrderModal
          opened
          onClose={() => setOrdering(null)}
          companyId={company.id}
          companyName={company.name}
          linked={linked.filter((l) => l.connection.id === connectionId)}
          initialQuantity={ordering.minimumQuantity}
          onPlaced={(order) => {
            onOrderPlaced?.();
            void save(ordering, { replacementOrderId: order.id, targetCatalogItemId: order.lines[0]?.catalogItemId ?? null });
          }}
        />
      )}
    </Stack>
  );
}
