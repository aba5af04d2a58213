import { useState } from 'react';
import { Badge, Button, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ListOf, WebhookDelivery } from '@csphub/server/contract';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../i18n/problem-alert';

const STATUS_COLOR = { pending: 'yellow', succeeded: 'green', failed: 'red' } as const;

/** One subscription's delivery log, newest first, with redelivery of any single delivery. */
export function DeliveryLog(props: { path: string; enabled: boolean }) {
  const { t, formatDate } = useI18n();
  const log = useApi<ListOf<WebhookDelivery>>(`${props.path}/deliveries`);
  const [error, setError] = useState<unknown>(null);
  const redeliver = async (id: string) => {
    setError(null);
    try {
      await apiSend('POST', `${props.path}/deliveries/${id}/redeliver`);
      notifications.show({ color: 'green', message: t('webhooks.redelivered') });
      log.reload();
    } catch (e) {
      setError(e);
    }
  };
  const items = log.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('webhooks.deliveries')}
      </Title>
      {error !== null && <ProblemAlert error={error} withCloseButton onClose={() => setError(null)} />}
      {log.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('webhooks.deliveries.empty')}
        </Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhooks.deliveries.event')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.status')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.attempts')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.response')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.last')}</Table.Th>
                <Table.Th>{t('webhooks.deliveries.next')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Text size="sm" data-raw-text>
                      {d.eventType}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {d.eventId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[d.status]} variant="light">
                      {t(`webhooks.status.${d.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td title={d.lastError ?? undefined}>
                    {d.lastResponseCode ?? (d.lastError ? '—' : '')}
                  </Table.Td>
                  <Table.Td>{d.lastAttemptAt ? formatDate(d.lastAttemptAt, 'dateTime') : ''}</Table.Td>
                  <Table.Td>
                    {d.nextAttemptAt && d.status === 'pending' ? formatDate(d.nextAttemptAt, 'dateTime') : ''}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      disabled={!props.enabled}
                      onClick={() => void redeliver(d.id)}
                    >
                      {t('webhooks.redeliver')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
