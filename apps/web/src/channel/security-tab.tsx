import { useState } from 'react';
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Loader, Modal, PasswordInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ROLES, canGrantRole, isRoleAllowedFor, isValidEmail, type Role } from '@csphub/domain';
import { apiSend, ApiError } from '../api/api-client';
import { useApi } from '../api/use-api';
import type { ApiToken, Company, User } from '../api/types';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';

/** People of the company and their roles, and the company's API tokens. */
export function SecurityTab({ company }: { company: Company }) {
  const { t, formatDate } = useI18n();
  const { can, session } = useSession();
  const users = useApi<{ items: User[] }>(can('users.read') ? `/api/v1/companies/${company.id}/users` : null);
  const tokens = useApi<{ items: ApiToken[] }>(can('tokens.manage') ? `/api/v1/companies/${company.id}/api-tokens` : null);
  const [adding, setAdding] = useState(false);
  const [creatingToken, setCreatingToken] = useState(false);
  const [newToken, setNewToken] = useState<string | null>(null);
  const myRole = session?.user.role;
  const grantable = ROLES.filter((r) => myRole && isRoleAllowedFor(r, company.kind) && canGrantRole(myRole, r)).map((r) => ({ value: r, label: t(`role.${r}`) }));
  if (!can('users.read')) return <Text c="dimmed">{t('security.noAccess')}</Text>;
  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h5">
            {t('security.users')}
          </Title>
          {can('users.manage') && company.status === 'active' && (
            <Button size="compact-sm" onClick={() => setAdding(true)}>
              {t('security.addUser')}
            </Button>
          )}
        </Group>
        {users.loading && !users.data && <Loader size="sm" />}
        {users.error && <Alert color="red">{users.error.message}</Alert>}
        {users.data && users.data.items.length === 0 && <Text c="dimmed">{t('security.noUsers')}</Text>}
        {users.data && users.data.items.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('security.name')}</Table.Th>
                <Table.Th>{t('security.email')}</Table.Th>
                <Table.Th>{t('security.role')}</Table.Th>
                <Table.Th>{t('security.lastSignIn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.name}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    {t(`role.${u.role}`)} {u.status === 'disabled' && <Badge color="gray">{t('security.disabled')}</Badge>}
                  </Table.Td>
                  <Table.Td>{u.lastSignInAt ? formatDate(u.lastSignInAt, 'dateTime') : t('security.never')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {can('tokens.manage') && (
        <Card withBorder>
          <Group justify="space-between" mb="sm">
            <Title order={3} size="h5">
              {t('security.tokens')}
            </Title>
            {company.status === 'active' && (
              <Button size="compact-sm" variant="light" onClick={() => setCreatingToken(true)}>
                {t('security.createToken')}
              </Button>
            )}
          </Group>
          {tokens.data && tokens.data.items.length === 0 && <Text c="dimmed">{t('security.noTokens')}</Text>}
          {tokens.data && tokens.data.items.length > 0 && (
            <Table>
              <Table.Tbody>
                {tokens.data.items.map((tok) => (
                  <Table.Tr key={tok.id}>
                    <Table.Td>{tok.name}</Table.Td>
                    <Table.Td>
                      <Code>{tok.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{t(`role.${tok.role}`)}</Table.Td>
                    <Table.Td>{tok.revokedAt ? <Badge color="gray">{t('security.revoked')}</Badge> : tok.lastUsedAt ? t('security.lastUsed', { date: formatDate(tok.lastUsedAt, 'dateTime') }) : t('security.unused')}</Table.Td>
                    <Table.Td>
                      {!tok.revokedAt && (
                        <Button size="compact-xs" color="red" variant="subtle" onClick={() => void apiSend('POST', `/api/v1/companies/${company.id}/api-tokens/${tok.id}/revoke`).then(tokens.reload)}>
                          {t('security.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      )}
      <AddUserModal opened={adding} onClose={() => setAdding(false)} companyId={company.id} roles={grantable} onAdded={users.reload} />
      <CreateTokenModal
        opened={creatingToken}
        onClose={() => setCreatingToken(false)}
        companyId={company.id}
        roles={grantable}
        onCreated={(token) => {
          setNewToken(token);
          tokens.reload();
        }}
      />
      <Modal opened={newToken !== null} onClose={() => setNewToken(null)} title={t('security.tokenCreated')}>
        <Stack>
          <Text size="sm">{t('security.tokenOnce')}</Text>
          <Code block data-testid="new-token">
            {newToken}
          </Code>
          <CopyButton value={newToken ?? ''}>{({ copied, copy }) => <Button onClick={copy}>{copied ? t('common.copied') : t('common.copy')}</Button>}</CopyButton>
        </Stack>
      </Modal>
    </Stack>
  );
}

function AddUserModal({ opened, onClose, companyId, roles, onAdded }: { opened: boolean; onClose: () => void; companyId: number; roles: { value: string; label: string }[]; onAdded: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const emailError = email && !isValidEmail(email.trim()) ? t('validation.email') : null;
  const passwordError = password && password.length < 12 ? t('validation.passwordLength') : null;
  const submit = async () => {
    setError(null);
    try {
      await apiSend('POST', `/api/v1/companies/${companyId}/users`, { email: email.trim(), name, role, password });
      onAdded();
      onClose();
      setEmail('');
      setName('');
      setPassword('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('security.addUser')}>
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        <TextInput label={t('security.email')} value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={emailError} required />
        <TextInput label={t('security.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Select label={t('security.role')} data={roles} value={role} onChange={setRole} required />
        <PasswordInput label={t('security.initialPassword')} description={t('security.passwordHelp')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={passwordError} required />
        <Button onClick={() => void submit()} disabled={!email || !name || !role || !password || Boolean(emailError || passwordError)}>
          {t('security.addUser')}
        </Button>
      </Stack>
    </Modal>
  );
}

function CreateTokenModal({ opened, onClose, companyId, roles, onCreated }: { opened: boolean; onClose: () => void; companyId: number; roles: { value: string; label: string }[]; onCreated: (token: string) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      const created = await apiSend<{ token: string }>('POST', `/api/v1/companies/${companyId}/api-tokens`, { name, role: role as Role });
      onCreated(created.token);
      onClose();
      setName('');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('security.createToken')}>
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        <TextInput label={t('security.tokenName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
        <Select label={t('security.role')} data={roles} value={role} onChange={setRole} required />
        <Button onClick={() => void submit()} disabled={!name || !role}>
          {t('security.createToken')}
        </Button>
      </Stack>
    </Modal>
  );
}
