import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, List, Loader, Modal, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { apiSend, ApiError } from '../api/api-client';
import { useApi } from '../api/use-api';
import type { Connection, ConnectionTestResult } from '../api/types';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { countryName, countryOptions } from '../channel/field-rules';

/** The distributor's Partner Center connections: list, add, change credentials, test. */
export function ConnectionsPage() {
  const { t, locale, formatDate } = useI18n();
  const { can } = useSession();
  const list = useApi<{ items: Connection[] }>(can('connections.read') ? '/api/v1/connections' : null);
  const [editing, setEditing] = useState<Connection | 'new' | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, ConnectionTestResult | string>>({});
  if (!can('connections.read')) return <Alert color="yellow">{t('connections.noAccess')}</Alert>;
  const test = async (c: Connection) => {
    setTesting(c.id);
    try {
      const r = await apiSend<ConnectionTestResult>('POST', `/api/v1/connections/${c.id}/test`);
      setResults((x) => ({ ...x, [c.id]: r }));
      list.reload();
    } catch (e) {
      setResults((x) => ({ ...x, [c.id]: e instanceof Error ? e.message : String(e) }));
    } finally {
      setTesting(null);
    }
  };
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={1}>{t('connections.title')}</Title>
        {can('connections.manage') && <Button onClick={() => setEditing('new')}>{t('connections.add')}</Button>}
      </Group>
      <Text c="dimmed">{t('connections.intro')}</Text>
      {list.loading && !list.data && <Loader size="sm" />}
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('connections.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {list.data?.items.map((c) => {
          const result = results[c.id] ?? c.lastTestResult ?? undefined;
          return (
            <Card withBorder key={c.id} data-testid={`connection-${c.name}`}>
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h5">
                  {c.name}
                </Title>
                <Group gap={4}>
                  <Badge variant="light">{t(`connection.type.${c.type}`)}</Badge>
                  <Badge color={c.mode === 'emulated' ? 'grape' : 'blue'}>{t(`connection.mode.${c.mode}`)}</Badge>
                </Group>
              </Group>
              <Text size="sm">
                {t('connections.region')}: {countryName(c.region, locale)}
              </Text>
              <Text size="sm">
                {t('connections.tenantId')}: {c.tenantId}
              </Text>
              <Text size="sm">
                {t('connections.appId')}: {c.appId}
              </Text>
              <Text size="sm">
                {t('connections.secret')}: {c.hasAppSecret ? t('connections.stored') : t('connections.notSet')} · {t('connections.refreshToken')}: {c.hasRefreshToken ? t('connections.stored') : t('connections.notSet')}
              </Text>
              {typeof result === 'string' && <Alert color="red" mt="xs">{result}</Alert>}
              {result && typeof result !== 'string' && (
                <Stack gap={4} mt="xs" data-testid="test-result">
                  <Text size="sm" fw={600} c={result.ok ? 'green' : 'red'}>
                    {result.ok ? t('connections.testOk') : t('connections.testFailed')} · {formatDate(result.testedAt, 'dateTime')}
                  </Text>
                  <List size="sm" spacing={2} listStyleType="none">
                    {result.checks.map((ch) => (
                      <List.Item key={ch.name} icon={ch.ok ? <IconCheck size={14} color="green" /> : <IconX size={14} color="red" />}>
                        {t(`connections.check.${ch.name}`)}: {ch.detail}
                      </List.Item>
                    ))}
                  </List>
                </Stack>
              )}
              <Group mt="sm" gap="xs">
                <Button size="compact-sm" variant="light" loading={testing === c.id} onClick={() => void test(c)}>
                  {t('connections.test')}
                </Button>
                {can('connections.manage') && (
                  <Button size="compact-sm" variant="default" onClick={() => setEditing(c)}>
                    {t('common.edit')}
                  </Button>
                )}
              </Group>
            </Card>
          );
        })}
      </SimpleGrid>
      {editing && <ConnectionForm connection={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={list.reload} />}
    </Stack>
  );
}

function ConnectionForm({ connection, onClose, onSaved }: { connection: Connection | null; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const [name, setName] = useState(connection?.name ?? '');
  const [region, setRegion] = useState<string | null>(connection?.region ?? null);
  const [type, setType] = useState<string>(connection?.type ?? 'indirect-provider');
  const [mode, setMode] = useState<string>(connection?.mode ?? 'emulated');
  const [tenantId, setTenantId] = useState(connection?.tenantId ?? '');
  const [appId, setAppId] = useState(connection?.appId ?? '');
  const [appSecret, setAppSecret] = useState('');
  const [refreshToken, setRefreshToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    const body = { name, region, type, mode, tenantId, appId, ...(appSecret ? { appSecret } : {}), ...(refreshToken ? { refreshToken } : {}) };
    try {
      if (connection) await apiSend('PATCH', `/api/v1/connections/${connection.id}`, body);
      else await apiSend('POST', '/api/v1/connections', body);
      onSaved();
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Modal opened onClose={onClose} title={connection ? t('connections.edit') : t('connections.add')}>
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        <TextInput label={t('connections.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Select label={t('connections.region')} data={countryOptions(locale)} value={region} onChange={setRegion} searchable required />
        <Select
          label={t('connections.type')}
          data={[
            { value: 'indirect-provider', label: t('connection.type.indirect-provider') },
            { value: 'direct-bill', label: t('connection.type.direct-bill') },
          ]}
          value={type}
          onChange={(v) => setType(v ?? 'indirect-provider')}
        />
        <Select
          label={t('connections.mode')}
          data={[
            { value: 'emulated', label: t('connection.mode.emulated') },
            { value: 'live', label: t('connection.mode.live') },
          ]}
          value={mode}
          onChange={(v) => setMode(v ?? 'emulated')}
        />
        <TextInput label={t('connections.tenantId')} value={tenantId} onChange={(e) => setTenantId(e.currentTarget.value)} required />
        <TextInput label={t('connections.appId')} value={appId} onChange={(e) => setAppId(e.currentTarget.value)} required />
        <PasswordInput label={t('connections.secret')} description={connection?.hasAppSecret ? t('connections.keepSecret') : undefined} value={appSecret} onChange={(e) => setAppSecret(e.currentTarget.value)} />
        <PasswordInput label={t('connections.refreshToken')} description={connection?.hasRefreshToken ? t('connections.keepSecret') : undefined} value={refreshToken} onChange={(e) => setRefreshToken(e.currentTarget.value)} />
        <Button onClick={() => void submit()} disabled={!name || !region || !tenantId || !appId}>
          {t('common.save')}
        </Button>
      </Stack>
    </Modal>
  );
}
