import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Group, Loader, Menu, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDots, IconKey, IconLock, IconUserCheck, IconUserCog, IconUserOff } from '@tabler/icons-react';
import { canGrantRole } from '@csphub/domain';
import { useApi } from '../../api/use-api';
import type { Company, User, UserList } from '@csphub/server/contract';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { AddUserModal } from './add-user-modal';
import { ChangeRoleModal } from './change-role-modal';
import { ResetPasswordModal } from './reset-password-modal';
import { UserStatusModal } from './user-status-modal';
import { describeProblem } from '../../i18n/problem-text';

type Dialog = { kind: 'role' | 'status' | 'reset'; user: User } | null;

/**
 * The people of a company: role, status and last sign-in, and for administrators the actions on
 * each (change role, disable or re-enable, reset password). The UI offers what the server will
 * allow and says why an action is missing; the server decides.
 */
export function UsersCard({ company }: { company: Company }) {
  const { t, formatDate } = useI18n();
  const { can, session } = useSession();
  const users = useApi<UserList>(`/api/v1/companies/${company.id}/users`);
  const [adding, setAdding] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can('users.manage') && company.status === 'active';
  const roles = users.data?.assignableRoles ?? [];
  const myId = session?.user.id;
  const myRole = session?.user.role;
  const close = () => setDialog(null);
  const dialogKey = dialog ? `${dialog.kind}-${dialog.user.id}` : 'closed';

  /** Why no action is offered on this row, or null when actions are. */
  const lockedBecause = (u: User): string | null => {
    if (u.id === myId) return t('people.selfLocked');
    if (!myRole || !canGrantRole(myRole, u.role)) return t('people.outranks');
    return null;
  };

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t('security.users')}
        </Title>
        {manage && (
          <Button size="compact-sm" onClick={() => setAdding(true)}>
            {t('security.addUser')}
          </Button>
        )}
      </Group>
      {can('users.manage') && company.status !== 'active' && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('people.inactiveCompany')}
        </Text>
      )}
      {users.loading && !users.data && <Loader size="sm" aria-label={t('common.loading')} />}
      {users.error && (
        <Alert color="red" role="alert">
          <Group justify="space-between">
            <span>{t('people.loadFailed', { message: describeProblem(users.error) })}</span>
            <Button size="compact-xs" variant="light" color="red" onClick={users.reload}>
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      )}
      {users.data && users.data.items.length === 0 && (
        <Stack align="center" gap={4} py="md" data-testid="users-empty">
          <Text fw={500}>{t('people.empty.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('people.empty.body')}
          </Text>
          {manage && (
            <Button mt="xs" variant="light" onClick={() => setAdding(true)}>
              {t('security.addUser')}
            </Button>
          )}
        </Stack>
      )}
      {users.data && users.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('security.name')}</Table.Th>
                <Table.Th>{t('security.email')}</Table.Th>
                <Table.Th>{t('security.role')}</Table.Th>
                <Table.Th>{t('people.status')}</Table.Th>
                <Table.Th>{t('security.lastSignIn')}</Table.Th>
                {manage && (
                  <Table.Th>
                    <VisuallyHidden>{t('people.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((u) => {
                const locked = lockedBecause(u);
                return (
                  <Table.Tr key={u.id} data-testid={`user-${u.email}`}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <span>{u.name}</span>
                        {u.id === myId && (
                          <Badge size="xs" variant="light">
                            {t('people.you')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td data-testid="user-role">{t(`role.${u.role}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={u.status === 'active' ? 'green' : 'gray'} variant="light" data-testid="user-status">
                        {u.status === 'active' ? t('people.active') : t('security.disabled')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{u.lastSignInAt ? formatDate(u.lastSignInAt, 'dateTime') : t('security.never')}</Table.Td>
                    {manage && (
                      <Table.Td style={{ width: 1 }}>
                        {locked ? (
                          <Tooltip label={locked} multiline w={260} events={{ hover: true, focus: true, touch: true }}>
                            <ActionIcon variant="subtle" color="gray" aria-label={locked}>
                              <IconLock size={16} />
                            </ActionIcon>
                          </Tooltip>
                        ) : (
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon variant="subtle" aria-label={t('people.actionsFor', { name: u.name })}>
                                <IconDots size={16} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item leftSection={<IconUserCog size={16} />} disabled={roles.length < 2} onClick={() => setDialog({ kind: 'role', user: u })}>
                                {t('people.changeRole')}
                              </Menu.Item>
                              <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setDialog({ kind: 'reset', user: u })}>
                                {t('people.reset')}
                              </Menu.Item>
                              <Menu.Divider />
                              {u.status === 'active' ? (
                                <Menu.Item color="red" leftSection={<IconUserOff size={16} />} onClick={() => setDialog({ kind: 'status', user: u })}>
                                  {t('people.disable')}
                                </Menu.Item>
                              ) : (
                                <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => setDialog({ kind: 'status', user: u })}>
                                  {t('people.enable')}
                                </Menu.Item>
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {adding && <AddUserModal opened onClose={() => setAdding(false)} companyId={company.id} roles={roles} existing={users.data?.items ?? []} onAdded={users.reload} />}
      {/* Keyed per dialog and person: each opening starts with fresh state, and closing drops it (the one-time password with it). */}
      <ChangeRoleModal key={`role-${dialogKey}`} user={dialog?.kind === 'role' ? dialog.user : null} companyId={company.id} roles={roles} onClose={close} onChanged={users.reload} />
      <UserStatusModal key={`status-${dialogKey}`} user={dialog?.kind === 'status' ? dialog.user : null} companyId={company.id} onClose={close} onChanged={users.reload} />
      <ResetPasswordModal key={`reset-${dialogKey}`} user={dialog?.kind === 'reset' ? dialog.user : null} companyId={company.id} onClose={close} onReset={users.reload} />
    </Card>
  );
}
