import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { GdapPendingNotice } from '../new-service/gdap-pending-notice';
import type { TenantLicenses } from '@csphub/server/contract';
import { describeProblem } from '../../i18n/problem-text';


/**
 * The tenant's users and their licenses: select one user or many and assign or
 * remove a licence, so users move from an old package to a new one without interruption.
 */
export function LicensesTab({ company }: { company: { id: number } }) {
  const { t } = useI18n();
  const { can } = useSession();
  const data = useApi<TenantLicenses>(`/api/v1/companies/${company.id}/licenses`);
  const [selected, setSelected] = useState<string[]>([]);
  const [sku, setSku] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (data.loading && !data.data) {
    return (
      <Group>
        <Loader size="sm" />
        <Text>{t('lic.loading')}</Text>
      </Group>
    );
  }
  if (data.error) return <Alert color="red">{t('lic.error', { message: describeProblem(data.error) })}</Alert>;
  const d = data.data!;
  if (!d.tenantId) return <Text c="dimmed">{t('lic.noTenant')}</Text>;
  const skuName = (id: string) => d.skus.find((s) => s.skuId === id)?.name ?? id;
  const apply = async (mode: 'assign' | 'remove') => {
    if (!sku || !d.connectionId) return;
    setBusy(true);
    try {
      const r = await apiSend<{ results: { userId: string; ok: boolean; error: string | null }[] }>('POST', `/api/v1/companies/${company.id}/licenses/changes`, {
        connectionId: d.connectionId,
        userIds: selected,
        assign: mode === 'assign' ? [sku] : [],
        remove: mode === 'remove' ? [sku] : [],
      });
      const ok = r.results.filter((x) => x.ok).length;
      notifications.show({ color: ok === r.results.length ? 'green' : 'orange', message: t('lic.done', { ok, total: r.results.length }) });
      for (const f of r.results.filter((x) => !x.ok)) {
        const user = d.users.find((u) => u.id === f.userId)?.userPrincipalName ?? f.userId;
        notifications.show({ color: 'red', message: t('lic.userFailed', { user, message: f.error ?? '' }) });
      }
      data.reload();
    } catch (e) {
      notifications.show({ color: 'red', message: describeProblem(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Title order={3}>{t('lic.title')}</Title>
      {d.error && (
        <GdapPendingNotice
          companyId={company.id}
          details={d.error}
          fallback={
            <Alert color="yellow" data-testid="licenses-hidden">
              {t('lic.hidden')}
              <Text size="xs" c="dimmed" mt="xs" data-raw-text>
                {t('gdap.pending.details', { details: d.error })}
              </Text>
            </Alert>
          }
        />
      )}
      {d.skus.length > 0 && (
        <Group gap="lg">
          {d.skus.map((s) => (
            <Text key={s.skuId} size="sm">
              <b>{s.name}</b> · {t('lic.available', { available: s.availableUnits, total: s.totalUnits })}
            </Text>
          ))}
        </Group>
      )}
      {!d.error && d.users.length === 0 && <Text c="dimmed">{t('lic.empty')}</Text>}
      {d.users.length > 0 && (
        <>
          {can('company.update') && (
            <Group align="flex-end">
              <Select label={t('lic.pickSku')} data={d.skus.map((s) => ({ value: s.skuId, label: s.name }))} value={sku} onChange={setSku} data-testid="licence-sku" />
              <Button disabled={!sku || selected.length === 0} loading={busy} onClick={() => void apply('assign')} data-testid="licence-assign">
                {t('lic.assign')}
              </Button>
              <Button variant="default" disabled={!sku || selected.length === 0} loading={busy} onClick={() => void apply('remove')} data-testid="licence-remove">
                {t('lic.remove')}
              </Button>
            </Group>
          )}
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  <Checkbox
                    aria-label={t('lic.selectAll')}
                    checked={selected.length === d.users.length}
                    indeterminate={selected.length > 0 && selected.length < d.users.length}
                    onChange={(e) => setSelected(e.currentTarget.checked ? d.users.map((u) => u.id) : [])}
                  />
                </Table.Th>
                <Table.Th>{t('lic.user')}</Table.Th>
                <Table.Th>{t('lic.licenses')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.users.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={t('lic.select', { user: u.userPrincipalName })}
                      checked={selected.includes(u.id)}
                      onChange={(e) => setSelected(e.currentTarget.checked ? [...selected, u.id] : selected.filter((x) => x !== u.id))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{u.displayName}</Text>
                    <Text size="xs" c="dimmed">
                      {u.userPrincipalName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{u.licenseSkuIds === null ? t('lic.unknown') : u.licenseSkuIds.map(skuName).join(', ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
