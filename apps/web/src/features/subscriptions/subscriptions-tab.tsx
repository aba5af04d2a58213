import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import type { TenantSubscriptions } from '../orders/orders-api';
import { termLabel } from '../orders/term-label';
import { MovePanel } from './move-panel';
import { SubscriptionActions } from './subscription-actions';

/** Subscriptions per linked tenant (MISSION.md E3), with the window's time left and the allowed actions. */
export function SubscriptionsTab({ company }: { company: { id: number; name: string } }) {
  const { t, formatDate } = useI18n();
  const { can } = useSession();
  const data = useApi<{ tenants: TenantSubscriptions[] }>(`/api/v1/companies/${company.id}/subscriptions`);
  const canManage = can('company.update');
  if (data.loading && !data.data) {
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
        {t('subs.error', { message: data.error.message })}{' '}
        <Button size="xs" variant="default" onClick={data.reload}>
          {t('home.status.retry')}
        </Button>
      </Alert>
    );
  }
  const tenants = data.data?.tenants ?? [];
  return (
    <Stack>
      <Title order={3}>{t('subs.title')}</Title>
      {tenants.length === 0 && <Text c="dimmed">{t('subs.noTenant')}</Text>}
      {tenants.map((tenant) => (
        <Stack key={`${tenant.connection.id}-${tenant.tenantId}`} gap="xs">
          <Text fw={600}>{t('subs.tenant', { connection: tenant.connection.name, domain: tenant.defaultDomain ?? tenant.tenantId })}</Text>
          {tenant.error && <Alert color="red">{t('subs.tenantError', { message: tenant.error })}</Alert>}
          {tenant.licensesError && (
            <Alert color="gray" variant="light">
              {t('subs.licensesHidden', { message: tenant.licensesError })}
            </Alert>
          )}
          {!tenant.error && tenant.subscriptions.length === 0 && <Text c="dimmed">{t('subs.empty')}</Text>}
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
          {tenant.heldElsewhere !== null && <MovePanel company={company} connectionId={tenant.connection.id} />}
        </Stack>
      ))}
    </Stack>
  );
}
