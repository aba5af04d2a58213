import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError, apiFetch } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { post } from './new-service-client';
import type { Authorization, ListOf } from '@csphub/server/contract';

const STATE_COLOR = { pending: 'yellow', accepted: 'green', cancelled: 'gray' } as const;

/**
 * Pending authorizations: each existing-tenant request with customer, domain, when and to
 * whom it was sent, its age and state; resend, cancel, or check now for acceptances.
 */
export function PendingAuthorizationsPage() {
  const { t, formatDate, formatRelative } = useI18n();
  const [filter, setFilter] = useState<'pending' | 'all'>('pending');
  const list = useApi<ListOf<Authorization>>(`/api/v1/existing-tenant/authorizations${filter === 'pending' ? '?state=pending' : ''}`);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const act = async (key: string, path: string) => {
    setBusy(key);
    setNotice(null);
    try {
      await post(path);
      setNotice({ ok: true, text: t('auth.done') });
      list.reload();
    } catch (e) {
      setNotice({ ok: false, text: t('auth.actionError', { message: e instanceof ApiError ? e.message : String(e) }) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack maw={1200}>
      <Group justify="space-between">
        <Title order={1}>{t('auth.title')}</Title>
        <Button variant="default" onClick={() => void act('check', '/api/v1/existing-tenant/authorizations/check')} loading={busy === 'check'}>
          {t('auth.checkNow')}
        </Button>
      </Group>
      <Text c="dimmed">{t('auth.intro')}</Text>
      <SegmentedControl
        aria-label={t('auth.filter')}
        value={filter}
        onChange={(v) => setFilter(v as 'pending' | 'all')}
        data={[
          { value: 'pending', label: t('auth.state.pending') },
          { value: 'all', label: t('auth.filter.all') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {notice && (
        <Alert color={notice.ok ? 'green' : 'red'} withCloseButton onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
      {list.loading && !list.data && (
        <Group>
          <Loader size="sm" />
          <Text>{t('auth.loading')}</Text>
        </Group>
      )}
      {list.error && <Alert color="red">{t('auth.error', { message: list.error.message })}</Alert>}
      {list.data?.items.length === 0 && <Text c="dimmed">{t('auth.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table striped highlightOnHover data-testid="authorizations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('auth.customer')}</Table.Th>
              <Table.Th>{t('auth.domain')}</Table.Th>
              <Table.Th>{t('auth.sent')}</Table.Th>
              <Table.Th>{t('auth.age')}</Table.Th>
              <Table.Th>{t('auth.state')}</Table.Th>
              <Table.Th>{t('auth.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Link to={`/companies/${a.companyId}/new-service`}>{a.companyName}</Link>
                </Table.Td>
                <Table.Td>{a.state === 'pending' && !a.domain && !a.defaultDomain ? <DomainCell authorization={a} onSaved={list.reload} /> : (a.defaultDomain ?? a.domain ?? '—')}</Table.Td>
                <Table.Td>{a.sentAt ? t('auth.sentTo', { when: formatDate(a.sentAt, 'dateTime'), to: [...a.sentTo, ...a.sentCc].join(', ') }) : t('auth.notSent')}</Table.Td>
                <Table.Td>{formatRelative(a.createdAt)}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOR[a.state]}>{t(`auth.state.${a.state}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  {a.state === 'pending' && (
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" disabled={a.sentTo.length === 0} loading={busy === `resend:${a.id}`} onClick={() => void act(`resend:${a.id}`, `/api/v1/existing-tenant/authorizations/${a.id}/resend`)}>
                        {t('auth.resend')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" loading={busy === `cancel:${a.id}`} onClick={() => void act(`cancel:${a.id}`, `/api/v1/existing-tenant/authorizations/${a.id}/cancel`)}>
                        {t('auth.cancel')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * The customer's domain on a pending row opened without one: once given, the background check can
 * match the acceptance by it (the server checks it right away).
 */
function DomainCell(props: { authorization: Authorization; onSaved(): void }) {
  const { t } = useI18n();
  const [domain, setDomain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/v1/existing-tenant/authorizations/${props.authorization.id}/domain`, { method: 'PUT', body: JSON.stringify({ domain: domain.trim() }) });
      props.onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Group gap={4} wrap="nowrap" align="flex-start">
        <TextInput size="xs" aria-label={t('auth.domainLabel', { company: props.authorization.companyName })} placeholder={t('auth.domainPlaceholder')} value={domain} onChange={(e) => setDomain(e.currentTarget.value)} error={error} />
        <Button size="xs" type="submit" variant="light" loading={busy} disabled={domain.trim() === ''}>
          {t('auth.domainSave')}
        </Button>
      </Group>
    </form>
  );
}
