import { useState } from 'react';
import { Alert, Badge, Button, Card, Code, CopyButton, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { ROLES, canGrantRole, isRoleAllowedFor, type Role } from '@csphub/domain';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import type { ApiToken, Company, ListOf } from '@csphub/server/contract';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { UsersCard } from './users-card';
import { describeProblem } from '../../i18n/problem-text';

/** People of the company and their roles (UsersCard), and the company's API tokens. */
export function SecurityTab({ company }: { company: Company }) {
  const { t, formatDate } = useI18n();
  const { can, session } = useSession();
  const tokens = useApi<ListOf<ApiToken>>(can('tokens.manage') ? `/api/v1/companies/${company.id}/api-tokens` : null);
  const [creatingToken, setCreatingToken] = useState(false);
  const [newToken, setNewToken] = useState<string | null>(null);
  const myRole = session?.user.role;
  const grantable = ROLES.filter((r) => myRole && isRoleAllowedFor(r, company.kind) && canGrantRole(myRole, r)).map((r) => ({ value: r, label: t(`role.${r}`) }));
  if (!can('users.read')) return <Text c="dimmed">{t('security.noAccess')}</Text>;
  return (
    <Stack>
      <UsersCard company={company} />
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
      setError(describeProblem(e));
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
