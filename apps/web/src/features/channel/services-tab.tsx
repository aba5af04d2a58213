import { Alert, Badge, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { MAX_DOMAIN_PREFIX_LENGTH, isValidDomainPrefix } from '@csphub/domain';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import type { Company, ListOf, SyncOptions } from '@csphub/server/contract';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { InlineField } from './inline-field';
import { ProblemAlert } from '../../i18n/problem-alert';
import { DomainPrefixAvailability } from './domain-prefix-availability';

const STATUS_COLOR = { not_synced: 'gray', in_progress: 'blue', synced: 'green', failed: 'red' } as const;

/** The Microsoft tenant service per Partner Center connection: sync options and status. */
export function ServicesTab({ company }: { company: Company }) {
  const { t, formatDate } = useI18n();
  const { can, session } = useSession();
  const options = useApi<ListOf<SyncOptions>>(`/api/v1/companies/${company.id}/sync-options`);
  if (company.kind !== 'customer') return <Text c="dimmed">{t('services.onlyCustomers')}</Text>;
  if (options.loading && !options.data) return <Loader size="sm" />;
  if (options.error && !options.data) return <ProblemAlert error={options.error} />;
  const items = options.data?.items ?? [];
  if (items.length === 0) return <Text c="dimmed">{t('services.noConnections')}</Text>;
  const editable = can('sync.manage') && company.status === 'active';
  // Only the distributor chooses another reseller as partner of record; everyone else sees the
  // account's Partner ID without a way to change it (docs/CHANNEL-AND-ACCOUNTS.md).
  const choosesReseller = Boolean(session?.user.role.startsWith('distributor_'));
  const save = (connectionId: string, field: 'adminUsername' | 'domainPrefix' | 'resellerPartnerId') =>
    editable
      ? async (v: string | null) => {
          await apiSend('PUT', `/api/v1/companies/${company.id}/sync-options/${connectionId}`, { [field]: v });
          options.reload();
        }
      : undefined;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {items.map((o) => (
        <Card withBorder key={o.connection.id} data-testid={`service-${o.connection.id}`}>
          <Group justify="space-between" mb="xs">
            <div>
              <Title order={3} size="h5">
                {t('services.tenant')}
              </Title>
              <Text size="sm" c="dimmed">
                {o.connection.name} · {t(`connection.type.${o.connection.type}`)}
              </Text>
            </div>
            <Badge color={STATUS_COLOR[o.syncStatus]}>{t(`services.status.${o.syncStatus}`)}</Badge>
          </Group>
          {o.failureReason && (
            <Alert color="red" mb="xs" data-testid="service-failure">
              <Text size="sm">{t('run.failed.generic')}</Text>
              <Text size="xs" c="dimmed" data-raw-text>
                {t('services.failed.details', { reason: o.failureReason })}
              </Text>
            </Alert>
          )}
          <Stack gap="sm">
            <InlineField name="adminUsername" label={t('services.adminUsername')} value={o.adminUsername} onSave={save(o.connection.id, 'adminUsername')} />
            <InlineField
              name="domainPrefix"
              label={t('services.domainPrefix')}
              value={o.domainPrefix}
              display={o.domainPrefix ? `${o.domainPrefix}.onmicrosoft.com` : null}
              validate={(v) => (v.trim() && !isValidDomainPrefix(v.trim()) ? t('validation.domainPrefix', { max: MAX_DOMAIN_PREFIX_LENGTH }) : null)}
              onSave={save(o.connection.id, 'domainPrefix')}
              live={(draft, setDraft) => <DomainPrefixAvailability companyId={company.id} connectionId={o.connection.id} draft={draft} saved={o.domainPrefix} onPick={setDraft} />}
            />
            {o.connection.type === 'indirect-provider' && (
              <InlineField
                name="resellerPartnerId"
                label={t('services.resellerPartnerId')}
                value={o.resellerPartnerId}
                validate={(v) => (v.trim() && !/^\d{5,10}$/.test(v.trim()) ? t('validation.partnerId') : null)}
                onSave={choosesReseller ? save(o.connection.id, 'resellerPartnerId') : undefined}
              />
            )}
            <InlineField name="tenantId" label={t('services.tenantId')} value={o.tenantId} />
            <InlineField name="defaultDomain" label={t('services.defaultDomain')} value={o.defaultDomain} />
            <InlineField name="lastAttemptAt" label={t('services.lastAttempt')} value={o.lastAttemptAt ? formatDate(o.lastAttemptAt, 'dateTime') : null} />
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}
