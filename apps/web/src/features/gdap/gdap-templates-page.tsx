import { useState } from 'react';
import { Badge, Button, Card, Checkbox, Group, Loader, MultiSelect, NumberInput, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Connection, GdapCatalogueRole, GdapTemplate, ListOf } from '@csphub/server/contract';
import { apiSend } from '../../api/api-client';
import { invalidateApi, useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../i18n/problem-alert';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, GDAP_MAX_DURATION_DAYS, checkGdapTemplate } from '@csphub/domain';

/**
 * The GDAP role templates of the distributor's connections: every version, the default of each
 * connection, and (for the distributor's staff) the editor that writes a new template or version.
 */
export function GdapTemplatesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const templates = useApi<ListOf<GdapTemplate>>('/api/v1/gdap/templates');
  const connections = useApi<ListOf<Connection>>(can('connections.read') ? '/api/v1/connections' : null);
  const [editing, setEditing] = useState<{ base?: GdapTemplate; connectionId?: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const manage = can('gdap.templates.manage');
  const connName = (id: string) => connections.data?.items.find((c) => c.id === id)?.name ?? id;
  const makeDefault = async (tpl: GdapTemplate) => {
    setError(null);
    try {
      await apiSend('POST', `/api/v1/gdap/templates/${tpl.id}/default`);
      templates.reload();
      notifications.show({ color: 'green', message: t('gdap.templates.saved') });
    } catch (e) {
      setError(e);
    }
  };
  const items = templates.data?.items ?? [];
  return (
    <Stack maw={1100}>
      <Title order={1}>{t('gdap.templates.title')}</Title>
      <Text c="dimmed">{t('gdap.templates.intro')}</Text>
      {!manage && <Text size="sm">{t('gdap.templates.readOnly')}</Text>}
      {error !== null && <ProblemAlert error={error} withCloseButton onClose={() => setError(null)} />}
      {templates.error && !templates.data && <ProblemAlert error={templates.error} />}
      {templates.loading && !templates.data && <Loader size="sm" aria-label={t('common.loading')} />}
      {manage && !editing && (
        <Group>
          <Button onClick={() => setEditing({ connectionId: connections.data?.items[0]?.id ?? items[0]?.connectionId ?? '' })}>{t('gdap.templates.new')}</Button>
        </Group>
      )}
      {editing && (
        <TemplateEditor
          connections={connections.data?.items ?? []}
          base={editing.base}
          connectionId={editing.base?.connectionId ?? editing.connectionId ?? ''}
          onDone={() => {
            setEditing(null);
            templates.reload();
            invalidateApi('/api/v1/gdap/');
          }}
        />
      )}
      {templates.data && items.length === 0 && <Text>{t('gdap.templates.empty')}</Text>}
      {items.length > 0 && (
        <Table striped withTableBorder data-testid="gdap-templates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('gdap.templates.name')}</Table.Th>
              <Table.Th>{t('gdap.templates.version')}</Table.Th>
              <Table.Th>{t('gdap.templates.connection')}</Table.Th>
              <Table.Th>{t('gdap.templates.roles')}</Table.Th>
              <Table.Th>{t('gdap.templates.duration')}</Table.Th>
              <Table.Th>{t('gdap.templates.autoExtend')}</Table.Th>
              <Table.Th>{t('gdap.templates.groups')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((tpl) => (
              <Table.Tr key={tpl.id}>
                <Table.Td>
                  {tpl.name} {tpl.isDefault && <Badge variant="light">{t('gdap.templates.default')}</Badge>}
                </Table.Td>
                <Table.Td>v{tpl.version}</Table.Td>
                <Table.Td>{connName(tpl.connectionId)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{tpl.roles.map((r) => r.name).join(', ')}</Text>
                </Table.Td>
                <Table.Td>{t('gdap.templates.days', { days: tpl.durationDays })}</Table.Td>
                <Table.Td>{tpl.autoExtend ? t('gdap.yes') : t('gdap.no')}</Table.Td>
                <Table.Td>{tpl.securityGroups.map((g) => g.name).join(', ') || '—'}</Table.Td>
                <Table.Td>
                  {manage && (
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing({ base: tpl })}>
                        {t('gdap.templates.newVersion')}
                      </Button>
                      {!tpl.isDefault && (
                        <Button size="xs" variant="default" onClick={() => void makeDefault(tpl)}>
                          {t('gdap.templates.makeDefault')}
                        </Button>
                      )}
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

interface GroupDraft {
  groupId: string;
  name: string;
  roleIds: string[];
}

/** Writes a new template, or the next version of `base`; the rules are the domain's (the API checks them again). */
function TemplateEditor({ connections, base, connectionId: initialConnection, onDone }: { connections: Connection[]; base: GdapTemplate | undefined; connectionId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [connectionId, setConnectionId] = useState(initialConnection);
  const catalogue = useApi<ListOf<GdapCatalogueRole>>(connectionId ? `/api/v1/gdap/roles?connectionId=${connectionId}` : null);
  const [name, setName] = useState(base?.name ?? '');
  const [roleIds, setRoleIds] = useState<string[]>(base?.roles.map((r) => r.id) ?? []);
  const [durationDays, setDurationDays] = useState<number>(base?.durationDays ?? GDAP_MAX_DURATION_DAYS);
  const [autoExtend, setAutoExtend] = useState(base?.autoExtend ?? true);
  const [makeDefault, setMakeDefault] = useState(false);
  const [groups, setGroups] = useState<GroupDraft[]>(base?.securityGroups ?? []);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const hasGa = roleIds.includes(GLOBAL_ADMINISTRATOR_ROLE_ID);
  const roleOptions = (catalogue.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  const selectedOptions = roleOptions.filter((o) => roleIds.includes(o.value));
  const issues = checkGdapTemplate({ name: base?.name ?? name, roles: roleIds.map((id) => ({ id, name: id })), durationDays, autoExtend: autoExtend && !hasGa, securityGroups: groups });
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const body = { roleIds, durationDays, autoExtend: autoExtend && !hasGa, securityGroups: groups, makeDefault };
      if (base) await apiSend('POST', `/api/v1/gdap/templates/${base.id}/versions`, body);
      else await apiSend('POST', '/api/v1/gdap/templates', { ...body, connectionId, name });
      notifications.show({ color: 'green', message: t('gdap.templates.saved') });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder data-testid="gdap-template-editor">
      <Stack>
        <Title order={2} size="h4">
          {base ? t('gdap.editor.versionOf', { name: base.name }) : t('gdap.editor.title')}
        </Title>
        {error !== null && <ProblemAlert error={error} withCloseButton onClose={() => setError(null)} />}
        {!base && (
          <>
            <TextInput label={t('gdap.templates.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required />
            {connections.length > 1 && (
              <select aria-label={t('gdap.templates.connection')} value={connectionId} onChange={(e) => setConnectionId(e.currentTarget.value)}>
                {connections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </>
        )}
        {catalogue.loading && !catalogue.data && <Text size="sm">{t('gdap.editor.rolesLoading')}</Text>}
        {catalogue.error && <ProblemAlert error={catalogue.error} />}
        <MultiSelect label={t('gdap.editor.roles')} data={roleOptions} value={roleIds} onChange={setRoleIds} searchable />
        <NumberInput label={t('gdap.editor.durationDays')} min={1} max={GDAP_MAX_DURATION_DAYS} value={durationDays} onChange={(v) => setDurationDays(typeof v === 'number' ? v : Number(v))} />
        <Switch label={t('gdap.editor.autoExtend')} checked={autoExtend && !hasGa} disabled={hasGa} description={hasGa ? t('gdap.editor.autoExtendGa') : undefined} onChange={(e) => setAutoExtend(e.currentTarget.checked)} />
        <Text fw={500}>{t('gdap.editor.groups')}</Text>
        {groups.map((g, i) => (
          <Group key={i} align="flex-end">
            <TextInput label={t('gdap.editor.groupId')} value={g.groupId} onChange={(e) => setGroups(groups.map((x, j) => (j === i ? { ...x, groupId: e.currentTarget.value } : x)))} />
            <TextInput label={t('gdap.editor.groupName')} value={g.name} onChange={(e) => setGroups(groups.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))} />
            <MultiSelect label={t('gdap.editor.groupRoles')} data={selectedOptions} value={g.roleIds} onChange={(v) => setGroups(groups.map((x, j) => (j === i ? { ...x, roleIds: v } : x)))} miw={240} />
            <Button variant="subtle" color="red" onClick={() => setGroups(groups.filter((_, j) => j !== i))}>
              {t('gdap.editor.removeGroup')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setGroups([...groups, { groupId: '', name: '', roleIds: [] }])}>
            {t('gdap.editor.addGroup')}
          </Button>
        </Group>
        <Checkbox label={t('gdap.editor.makeDefault')} checked={makeDefault} onChange={(e) => setMakeDefault(e.currentTarget.checked)} />
        <Group>
          <Button onClick={() => void save()} loading={saving} disabled={issues.length > 0}>
            {t('gdap.editor.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('gdap.editor.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
