import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { apiSend } from '../../api/api-client';
import type { User } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';
import { useUserAction } from './use-user-action';

/**
 * Asks before disabling a person (which signs them out everywhere) or re-enabling them. Cancel has
 * the focus, so Enter alone never locks someone out. Mount it afresh (a key) per person.
 */
export function UserStatusModal({ user, companyId, onClose, onChanged }: { user: User | null; companyId: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { busy, error, run } = useUserAction(onChanged);
  const disabling = user?.status === 'active';
  const confirm = async () => {
    if (!user) return;
    const done = await run(() => apiSend('PATCH', `/api/v1/companies/${companyId}/users/${user.id}`, { status: disabling ? 'disabled' : 'active' }).then(() => true));
    if (!done) return;
    notifications.show({ color: 'green', message: t(disabling ? 'people.disable.done' : 'people.enable.done', { name: user.name }) });
    onChanged();
    onClose();
  };
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t(disabling ? 'people.disable.title' : 'people.enable.title', { name: user.name }) : ''}>
      {user && (
        <Stack>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Text size="sm">{t(disabling ? 'people.disable.body' : 'people.enable.body', { email: user.email })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color={disabling ? 'red' : undefined} loading={busy} onClick={() => void confirm()}>
              {t(disabling ? 'people.disable.confirm' : 'people.enable.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
