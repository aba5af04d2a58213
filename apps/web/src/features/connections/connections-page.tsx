import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Badge, Button, Card, Group, List, Loader, Modal, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import type { Connection, ConnectionTestResult, ListOf } from '@csphub/server/contract';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { countryName, countryOptions } from '../channel/field-rules';
import { describeProblem } from '../../i18n/problem-text';

/** The distributor's Partner Center connections: list, add, change credentials, test. */
export function ConnectionsPage() {
  const { t, locale, formatDate } = useI18n();
  const { can } = useSession();
  const list = useApi<ListOf<Connection>>(can('connections.read') ? '/api/v1/connections' : null);
  const [editing, setEditing] = useState<Connection | 'new' | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, ConnectionTestResult | string>>({});
  const [consentError, setConsentError] = useState<string | null>(null);
  if (!can('connections.read')) return <Alert color="yellow">{t('connections.noAccess')}</Alert>;
  const test = async (c: Connection) => {
    setTesting(c.id);
    try {
      const r = await apiSend<ConnectionTestResult>('POST', `/api/v1/connections/${c.id}/test`);
      setResults((x) => ({ ...x, [c.id]: r }));
      list.reload();
    } catch (e) {
      setResults((x) => ({ ...x, [c.id]: describeProblem(e) }));
    } finally {
      setTesting(null);
    }
  };
  const reconsent = async (c: Connection) => {
    setConsentError(null);
    try {
      const { url } = await apiSend<{ url: string }>('POST', `/api/v1/connections/${c.id}/consent`);
      // The connection id travels in the sealed state; remember it to finish on the way back.
      sessionStorage.setItem('csphub.consent.connection', c.id);
      window.location.assign(url);
    } catch (e) {
      setConsentError(describeProblem(e));
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
      {list.error && <Alert color="red">{describeProblem(list.error)}</Alert>}
      {consentError && <Alert color="red">{t('connections.reconsent.failed', { message: consentError })}</Alert>}
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
              <CredentialHealth connection={c} result={typeof result === 'string' ? undefined : result} />
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
                <Button size="compact-sm" variant="light" component={Link} to={`/connections/${c.id}/import`}>
                  {t('import.open')}
                </Button>
                {can('connections.manage') && (
                  <Button size="compact-sm" variant="default" onClick={() => setEditing(c)}>
                    {t('common.edit')}
                  </Button>
                )}
                {can('connections.manage') && (
                  <Button size="compact-sm" variant="light" color="orange" onClick={() => void reconsent(c)} data-testid="reconsent">
                    {t('connections.reconsent')}
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

/** MFA claim (from the last test) and the refresh token's age and estimated expiry, with an alert near the end. */
function CredentialHealth({ connection, result }: { connection: Connection; result: ConnectionTestResult | undefined }) {
  const { t, formatDate } = useI18n();
  const mfa = result?.checks.find((ch) => ch.name === 'mfa-claim');
  const rt = connection.refreshTokenHealth;
  const date = rt.expiresAt ? formatDate(rt.expiresAt, 'date') : '';
  const rtText =
    rt.state === 'ok'
      ? t('connections.health.rt.ok', { age: rt.ageDays ?? 0, date, days: rt.daysLeft ?? 0 })
      : rt.state === 'expiring'
        ? t('connections.health.rt.expiring', { days: rt.daysLeft ?? 0, date })
        : rt.state === 'expired'
          ? t('connections.health.rt.expired', { date: rt.issuedAt ? formatDate(rt.issuedAt, 'date') : '' })
          : t(`connections.health.rt.${rt.state}`);
  return (
    <Stack gap={4} mt="xs" data-testid="credential-health">
      <Text size="sm" fw={600}>
        {t('connections.health.title')}
      </Text>
      {connection.hasRefreshToken && (
        <Group gap={6} data-testid="health-mfa" data-state={mfa ? (mfa.ok ? 'ok' : 'missing') : 'unknown'}>
          <Badge color={mfa ? (mfa.ok ? 'green' : 'red') : 'gray'} variant="light">
            MFA
          </Badge>
          <Text size="sm">{mfa ? (mfa.ok ? t('connections.health.mfa.ok') : t('connections.health.mfa.missing')) : t('connections.health.mfa.unknown')}</Text>
        </Group>
      )}
      {rt.state === 'ok' ? (
        <Text size="sm" data-testid="health-refresh-token" data-state={rt.state}>
          {rtText}
        </Text>
      ) : (
        <Alert color={rt.state === 'expired' || rt.state === 'none' ? 'red' : 'orange'} py={6} data-testid="health-refresh-token" data-state={rt.state}>
          {rtText}
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Where Microsoft's sign-in page sends the browser back (`/connections/consent?code&state`): hands
 * the code to the API, which redeems it and stores the new refresh token, then shows the result.
 */
export function ConnectionConsentPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [connectionId] = useState(() => sessionStorage.getItem('csphub.consent.connection'));
  const [result, setResult] = useState<{ ok: true } | { ok: false; message: string } | null>(null);
  const sent = useRef(false);
  const code = params.get('code');
  const state = params.get('state');
  const error = params.get('error_description') ?? params.get('error');
  const missing = error || !code || !state || !connectionId ? (error ?? 'the sign-in page returned no code') : null;
  useEffect(() => {
    if (missing || sent.current) return;
    sent.current = true;
    apiSend('POST', `/api/v1/connections/${connectionId}/consent/complete`, { code, state }).then(
      () => {
        sessionStorage.removeItem('csphub.consent.connection');
        setResult({ ok: true });
      },
      (e: unknown) => setResult({ ok: false, message: describeProblem(e) }),
    );
  }, [missing, connectionId, code, state]);
  const outcome = missing ? { ok: false as const, message: missing } : result;
  return (
    <Stack maw={700}>
      <Title order={1}>{t('connections.title')}</Title>
      {!outcome && (
        <Group>
          <Loader size="sm" />
          <Text>{t('connections.reconsent.working')}</Text>
        </Group>
      )}
      {outcome?.ok && (
        <Alert color="green" data-testid="consent-outcome">
          {t('connections.reconsent.done')}
        </Alert>
      )}
      {outcome && !outcome.ok && (
        <Alert color="red" data-testid="consent-outcome">
          {t('connections.reconsent.failed', { message: outcome.message })}
        </Alert>
      )}
      <Button component={Link} to="/connections" variant="light" w="fit-content">
        {t('connections.reconsent.back')}
      </Button>
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
      setError(describeProblem(e));
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
