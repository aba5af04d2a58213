import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import type { SubscriptionTransfer, SubscriptionTransfers } from '@csphub/server/contract';
import { TransferList } from './transfer-list';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Transfers from another partner: the tenant's licences held elsewhere with the path that applies
 * to each and why, the request to the current partner (form, then a confirmation), and each
 * request's status and, once completed, the subscriptions it brought in with their end dates.
 */
export function TransferPanel({ companyId, connectionId, refreshKey = 0, onCompleted }: { companyId: number; connectionId: string; refreshKey?: number; onCompleted?: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const view = useApi<SubscriptionTransfers>(`/api/v1/companies/${companyId}/subscription-transfers?connectionId=${connectionId}`);
  const { reload } = view;
  useEffect(() => {
    if (refreshKey > 0) reload();
  }, [refreshKey, reload]);
  // A transfer seen completing while the panel is open: the subscriptions above are read again.
  const completed = view.data ? view.data.transfers.filter((x) => x.state === 'complete').length : null;
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (completed === null) return;
    if (seen.current !== null && completed > seen.current) onCompleted?.();
    seen.current = completed;
  }, [completed, onCompleted]);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (view.loading && !view.data) return <Loader size="sm" />;
  if (view.error) return <Alert color="red">{describeProblem(view.error)}</Alert>;
  const data = view.data;
  if (!data) return null;
  const canAsk = can('company.update') && data.candidates.some((c) => c.path === 'transfer');
  const withdraw = async (x: SubscriptionTransfer) => {
    setError(null);
    try {
      await apiSend('POST', `/api/v1/companies/${companyId}/subscription-transfers/${x.id}/cancel`);
      reload();
    } catch (e) {
      setError(describeProblem(e));
    }
  };
  return (
    <Stack gap="xs" data-testid="transfer-panel">
      <Title order={4}>{t('transfer.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('transfer.intro')}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {data.candidates.length === 0 ? (
        <Text c="dimmed">{t('transfer.none')}</Text>
      ) : (
        <Table data-testid="transfer-candidates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('transfer.col.package')}</Table.Th>
              <Table.Th>{t('transfer.col.seats')}</Table.Th>
              <Table.Th>{t('transfer.col.path')}</Table.Th>
              <Table.Th>{t('transfer.col.why')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.candidates.map((c) => (
              <Table.Tr key={c.skuId} data-testid={`transfer-candidate-${c.name}`}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.purchased}</Table.Td>
                <Table.Td>
                  <Badge color={c.path === 'transfer' ? 'blue' : 'gray'} data-testid="transfer-path">
                    {t(`transfer.path.${c.path}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`transfer.reason.${c.reason}`)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canAsk && (
        <Group>
          <Button onClick={() => setAsking(true)} data-testid="transfer-start">
            {t('transfer.start')}
          </Button>
        </Group>
      )}
      {data.transfers.length > 0 && <TransferList transfers={data.transfers} canManage={can('company.update')} onRefresh={reload} onWithdraw={(x) => void withdraw(x)} />}
      {asking && <TransferRequestModal companyId={companyId} connectionId={connectionId} onClose={() => setAsking(false)} onSent={() => (setAsking(false), reload())} />}
    </Stack>
  );
}

/** The request: who the current partner is and whom Microsoft notifies, then a confirmation of what happens. */
function TransferRequestModal({ companyId, connectionId, onClose, onSent }: { companyId: number; connectionId: string; onClose: () => void; onSent: () => void }) {
  const { t } = useI18n();
  const [tenantId, setTenantId] = useState('');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = GUID.test(tenantId.trim()) && name.trim() !== '' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim());
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiSend('POST', `/api/v1/companies/${companyId}/subscription-transfers`, { connectionId, sourcePartnerTenantId: tenantId.trim(), sourcePartnerName: name.trim(), customerEmail: email.trim() });
      onSent();
    } catch (e) {
      setError(describeProblem(e));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('transfer.form.title')}>
      <Stack>
        {error && <Alert color="red" data-testid="transfer-error">{error}</Alert>}
        {confirming ? (
          <>
            <Text data-testid="transfer-confirm-text">{t('transfer.confirm.text', { partner: name.trim(), tenantId: tenantId.trim(), email: email.trim() })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('transfer.back')}
              </Button>
              <Button loading={busy} onClick={() => void send()} data-testid="transfer-send">
                {t('transfer.confirm.send')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <TextInput label={t('transfer.form.partnerTenantId')} description={t('transfer.form.partnerTenantIdHelp')} value={tenantId} onChange={(e) => setTenantId(e.currentTarget.value)} data-testid="transfer-partner-tenant" />
            <TextInput label={t('transfer.form.partnerName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="transfer-partner-name" />
            <TextInput type="email" label={t('transfer.form.customerEmail')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} data-testid="transfer-customer-email" />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('transfer.cancel')}
              </Button>
              <Button disabled={!valid} onClick={() => setConfirming(true)} data-testid="transfer-review">
                {t('transfer.form.next')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
