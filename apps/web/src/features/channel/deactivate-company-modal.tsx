import { useState } from 'react';
import { Alert, Button, Group, List, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { COMMERCE_PERMISSIONS } from '@csphub/domain';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import type { Company, ListOf, Run, Subscriptions, UserList } from '@csphub/server/contract';

import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { problemText } from '../../i18n/problem-text';

/** Subscription states Microsoft still bills or can bring back: deactivating the company leaves them running. */
const LIVE = new Set(['active', 'suspended', 'pending']);

/**
 * Asks before deactivating a company, saying what it does: its subscriptions stay at Microsoft
 * (and keep billing), its people are signed out and cannot sign in, its API tokens stop, runs
 * already started go on. Cancel has the focus. After it, a notification offers Undo (reactivate);
 * the page's Reactivate button does the same later.
 */
export function DeactivateCompanyModal({ company, opened, onClose, onChanged }: { company: Company; opened: boolean; onClose: () => void; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/v1/companies/${company.id}`;
  const users = useApi<UserList>(opened && can('users.read') ? `${base}/users` : null);
  const isCustomer = company.kind === 'customer';
  const subscriptions = useApi<Subscriptions>(opened && isCustomer && can(COMMERCE_PERMISSIONS['subscriptions.read']) ? `${base}/subscriptions` : null);
  const runs = useApi<ListOf<Run>>(opened && isCustomer && can('sync.read') ? `${base}/onboarding/runs` : null);
  const liveSubscriptions = subscriptions.data?.tenants.reduce((n, tenant) => n + tenant.subscriptions.filter((s) => LIVE.has(s.status)).length, 0);
  const activeUsers = users.data?.items.filter((u) => u.status === 'active').length;
  const runningRuns = runs.data?.items.filter((r) => r.state === 'running').length;
  const loading = users.loading || subscriptions.loading || runs.loading;

  const reactivate = async () => {
    try {
      await apiSend('POST', `${base}/reactivate`);
      notifications.show({ color: 'green', message: t('company.reactivate.done', { name: company.name }) });
    } catch (e) {
      notifications.show({ color: 'red', message: problemText(t, e, locale) });
    }
    onChanged();
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiSend('POST', `${base}/deactivate`);
    } catch (e) {
      setError(problemText(t, e, locale));
      setBusy(false);
      return;
    }
    setBusy(false);
    onClose();
    onChanged();
    const id = `deactivated-${company.id}`;
    notifications.show({
      id,
      color: 'orange',
      autoClose: 15_000,
      message: (
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('company.deactivate.done', { name: company.name })}</Text>
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => {
              notifications.hide(id);
              void reactivate();
            }}
          >
            {t('company.deactivate.undo')}
          </Button>
        </Group>
      ),
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('company.deactivate.title', { name: company.name })}>
      <Stack>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {loading && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t('company.deactivate.counting')}</Text>
          </Group>
        )}
        <List size="sm" spacing="xs" data-testid="deactivate-effects">
          {isCustomer && (
            <List.Item>
              {liveSubscriptions === undefined ? t('company.deactivate.subscriptionsUnknown') : t('company.deactivate.subscriptions', { count: liveSubscriptions })}
            </List.Item>
          )}
          <List.Item>{activeUsers === undefined ? t('company.deactivate.usersUnknown') : t('company.deactivate.users', { count: activeUsers })}</List.Item>
          {isCustomer && <List.Item>{runningRuns === undefined ? t('company.deactivate.runsUnknown') : t('company.deactivate.runs', { count: runningRuns })}</List.Item>}
          <List.Item>{t('company.deactivate.kept')}</List.Item>
        </List>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} disabled={loading} onClick={() => void confirm()}>
            {t('company.deactivate.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
