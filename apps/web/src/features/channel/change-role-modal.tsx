import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Role } from '@csphub/domain';
import { apiSend } from '../../api/api-client';
import type { User } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';
import { useUserAction } from './use-user-action';

/** Picks a new role for one person among those the server says the caller may give here. Mount it afresh (a key) per person. */
export function ChangeRoleModal({ user, companyId, roles, onClose, onChanged }: { user: User | null; companyId: number; roles: readonly Role[]; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const [role, setRole] = useState<string | null>(user?.role ?? null);
  const { busy, error, run } = useUserAction(onChanged);
  const unchanged = !role || role === user?.role;
  const submit = async () => {
    if (!user || unchanged) return;
    const done = await run(() => apiSend('PATCH', `/api/v1/companies/${companyId}/users/${user.id}`, { role }).then(() => true));
    if (!done) return;
    notifications.show({ color: 'green', message: t('people.changeRole.done', { name: user.name, role: t(`role.${role as Role}`) }) });
    onChanged();
    onClose();
  };
  return (
    <Modal opened={user !== null} onClose={onClose} title={user ? t('people.changeRole.title', { name: user.name }) : ''}>
      {user && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Text size="sm">{t('people.changeRole.current', { role: t(`role.${user.role}`) })}</Text>
            <Select
              label={t('security.role')}
              description={t('people.changeRole.help')}
              data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              value={role}
              onChange={setRole}
              allowDeselect={false}
              data-autofocus
            />
            {unchanged && <Text size="xs" c="dimmed">{t('people.changeRole.same')}</Text>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} disabled={unchanged}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
