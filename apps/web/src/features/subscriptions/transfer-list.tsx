import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { SubscriptionTransfer } from '@csphub/server/contract';

const COLOR: Record<SubscriptionTransfer['state'], string> = { active: 'yellow', complete: 'green', cancelled: 'gray', expired: 'red' };

/** Each transfer asked for: its status, and once completed the subscriptions it brought in with their end dates. */
export function TransferList({ transfers, canManage, onRefresh, onWithdraw }: { transfers: SubscriptionTransfer[]; canManage: boolean; onRefresh: () => void; onWithdraw: (x: SubscriptionTransfer) => void }) {
  const { t, formatDate } = useI18n();
  return (
    <Stack gap="xs" data-testid="transfer-list">
      <Title order={5}>{t('transfer.list')}</Title>
      {transfers.map((x) => (
        <Card key={x.id} withBorder padding="sm" data-testid={`transfer-${x.transferId}`}>
          <Stack gap={6}>
            <Group justify="space-between">
              <Text size="sm">{t('transfer.requested', { partner: x.sourcePartnerName, date: formatDate(x.createdAt) })}</Text>
              <Badge color={COLOR[x.state]} data-testid="transfer-state">
                {x.state === 'active'
                  ? t('transfer.state.active', { partner: x.sourcePartnerName })
                  : x.state === 'complete'
                    ? t('transfer.state.complete', { date: formatDate(x.completedAt ?? x.createdAt) })
                    : t(`transfer.state.${x.state}`)}
              </Badge>
            </Group>
            {x.state === 'active' && (
              <Group justify="space-between">
                {x.expiresAt ? <Text size="xs" c="dimmed">{t('transfer.expiresOn', { date: formatDate(x.expiresAt) })}</Text> : <span />}
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={onRefresh} data-testid="transfer-refresh">
                    {t('transfer.refresh')}
                  </Button>
                  {canManage && (
                    <Button size="xs" color="red" variant="light" onClick={() => onWithdraw(x)} data-testid="transfer-withdraw">
                      {t('transfer.withdraw')}
                    </Button>
                  )}
                </Group>
              </Group>
            )}
            {x.subscriptions.length > 0 && (
              <Table data-testid="transfer-imported">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('transfer.col.subscription')}</Table.Th>
                    <Table.Th>{t('transfer.col.seats')}</Table.Th>
                    <Table.Th>{t('transfer.col.endsOn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {x.subscriptions.map((s) => (
                    <Table.Tr key={s.subscriptionId} data-testid={`transfer-imported-${s.subscriptionId}`}>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>{s.quantity ?? '—'}</Table.Td>
                      <Table.Td data-testid="transfer-imported-ends">{s.termEndsAt ? formatDate(s.termEndsAt) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
