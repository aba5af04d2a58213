import { useState } from 'react';
import { Anchor, Badge, Button, Card, Checkbox, CopyButton, Group, List, Loader, Modal, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Company, GdapRelationship, GdapTemplate, GdapUpgradePreview, ListOf } from '@csphub/server/contract';
import { apiFetch, apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../i18n/problem-alert';

const STATE_COLOR: Record<GdapRelationship['state'], string> = {
  requested: 'gray',
  created: 'gray',
  approval_pending: 'yellow',
  activating: 'blue',
  active: 'green',
  expiring: 'orange',
  expired: 'red',
  terminating: 'gray',
  terminated: 'gray',
};

/**
 * A company's GDAP relationships, as the runs and the scheduled check last saw them: status,
 * roles, dates, auto-extend, access assignments, the approval link to copy; and, for partner
 * staff, request from a template, renew, terminate and upgrade to another template version.
 */
export function GdapRelationshipsTab({ company }: { company: Company }) {
  const { t, formatDate } = useI18n();
  const { can } = useSession();
  const rels = useApi<ListOf<GdapRelationship>>(`/api/v1/companies/${company.id}/gdap`);
  const templates = useApi<ListOf<GdapTemplate>>(can('gdap.templates.read') ? '/api/v1/gdap/templates' : null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [upgrading, setUpgrading] = useState<GdapRelationship | null>(null);
  const manage = can('gdap.manage');
  const date = (iso: string | null) => (iso ? formatDate(iso) : '—');
  const act = async (key: string, work: () => Promise<unknown>) => {
    setBusy(key);
    setError(null);
    try {
      await work();
      rels.reload();
      notifications.show({ color: 'green', message: t('gdap.rel.done') });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  /** One of a relationship's actions (renew, remove Global Administrator, terminate), busy under `<action>-<id>`. */
  const runAction = (r: { id: number }, action: 'renew' | 'remove-global-admin' | 'terminate') =>
    void act(`${action}-${r.id}`, () => apiSend('POST', `/api/v1/companies/${company.id}/gdap/${r.id}/actions`, { action }));
  const items = rels.data?.items ?? [];
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('gdap.rel.title')}
      </Title>
      {error !== null && <ProblemAlert error={error} withCloseButton onClose={() => setError(null)} />}
      {rels.error && !rels.data && <ProblemAlert error={rels.error} />}
      {rels.loading && !rels.data && <Loader size="sm" aria-label={t('common.loading')} />}
      {manage && templates.data && <RequestCard companyId={company.id} templates={templates.data.items} onDone={rels.reload} />}
      {rels.data && items.length === 0 && <Text>{t('gdap.rel.empty')}</Text>}
      {items.length > 0 && (
        <Table withTableBorder data-testid="gdap-relationships">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('gdap.rel.name')}</Table.Th>
              <Table.Th>{t('gdap.rel.state')}</Table.Th>
              <Table.Th>{t('gdap.templates.roles')}</Table.Th>
              <Table.Th>{t('gdap.rel.dates')}</Table.Th>
              <Table.Th>{t('gdap.templates.autoExtend')}</Table.Th>
              <Table.Th>{t('gdap.rel.assignments')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id} data-testid={`gdap-rel-${r.id}`}>
                <Table.Td>
                  <Text size="sm">{r.displayName}</Text>
                  {r.template && (
                    <Text size="xs" c="dimmed">
                      {t('gdap.rel.template')}: {r.template.name} v{r.template.version}
                    </Text>
                  )}
                  {r.approvalUrl && r.state === 'approval_pending' && (
                    <Group gap={4}>
                      <Anchor href={r.approvalUrl} target="_blank" size="xs">
                        {t('gdap.rel.approvalLink')}
                      </Anchor>
                      <CopyButton value={r.approvalUrl}>
                        {({ copied, copy }) => (
                          <Button size="compact-xs" variant="subtle" onClick={copy}>
                            {copied ? t('gdap.rel.copied') : t('gdap.rel.copy')}
                          </Button>
                        )}
                      </CopyButton>
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLOR[r.state]} variant="light">
                    {t(`gdap.state.${r.state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={r.roles.map((x) => x.name).join(', ')} multiline w={320}>
                    <Text size="sm">{t('gdap.rel.rolesCount', { count: r.roles.length })}</Text>
                  </Tooltip>
                  {r.includesGlobalAdministrator && (
                    <Text size="xs" c="orange">
                      {t('gdap.rel.withGa')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{t('gdap.rel.created', { date: date(r.createdAt) })}</Text>
                  {r.activatedAt && <Text size="xs">{t('gdap.rel.activated', { date: date(r.activatedAt) })}</Text>}
                  {r.endsAt && <Text size="xs">{t('gdap.rel.ends', { date: date(r.endsAt) })}</Text>}
                </Table.Td>
                <Table.Td>{r.autoExtend ? t('gdap.yes') : t('gdap.no')}</Table.Td>
                <Table.Td>
                  {r.accessAssignments.length === 0 ? (
                    <Text size="xs">{t('gdap.rel.noAssignments')}</Text>
                  ) : (
                    r.accessAssignments.map((a) => (
                      <Text size="xs" key={a.id}>
                        {a.securityGroupId.slice(0, 8)}… · {a.status}
                      </Text>
                    ))
                  )}
                </Table.Td>
                <Table.Td>
                  {manage && (r.state === 'active' || r.state === 'expiring') && (
                    <Group gap={4} wrap="nowrap">
                      {r.template && (
                        <Button size="compact-xs" variant="default" loading={busy === `renew-${r.id}`} onClick={() => runAction(r, 'renew')}>
                          {t('gdap.rel.renew')}
                        </Button>
                      )}
                      {r.includesGlobalAdministrator && (
                        <Button size="compact-xs" variant="default" loading={busy === `remove-global-admin-${r.id}`} onClick={() => runAction(r, 'remove-global-admin')}>
                          {t('gdap.rel.removeGa')}
                        </Button>
                      )}
                      <Button size="compact-xs" variant="default" onClick={() => setUpgrading(r)}>
                        {t('gdap.rel.upgrade')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="default"
                        color="red"
                        loading={busy === `terminate-${r.id}`}
                        onClick={() => {
                          if (window.confirm(t('gdap.rel.terminateConfirm', { name: r.displayName }))) runAction(r, 'terminate');
                        }}
                      >
                        {t('gdap.rel.terminate')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {upgrading && templates.data && (
        <UpgradeModal
          companyId={company.id}
          relationship={upgrading}
          templates={templates.data.items.filter((x) => x.connectionId === upgrading.connectionId && x.id !== upgrading.template?.id)}
          onClose={() => setUpgrading(null)}
          onDone={() => {
            setUpgrading(null);
            rels.reload();
          }}
        />
      )}
    </Stack>
  );
}

function templateLabel(x: GdapTemplate): string {
  return `${x.name} v${x.version}`;
}

/** "Request GDAP from a template", with the choice to e-mail the link to the customer's administrator. */
function RequestCard({ companyId, templates, onDone }: { companyId: number; templates: GdapTemplate[]; onDone: () => void }) {
  const { t } = useI18n();
  const [templateId, setTemplateId] = useState<string | null>(templates.find((x) => x.isDefault)?.id.toString() ?? null);
  const [email, setEmail] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      await apiSend('POST', `/api/v1/companies/${companyId}/gdap`, { templateId: Number(templateId), emailCustomerAdmin: email });
      notifications.show({ color: 'green', message: t('gdap.rel.requested') });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Text fw={500}>{t('gdap.rel.request')}</Text>
        {error !== null && <ProblemAlert error={error} withCloseButton onClose={() => setError(null)} />}
        <Group align="flex-end">
          <Select label={t('gdap.rel.requestTemplate')} data={templates.map((x) => ({ value: String(x.id), label: templateLabel(x) }))} value={templateId} onChange={setTemplateId} miw={280} />
          <Checkbox label={t('gdap.rel.emailAdmin')} checked={email} onChange={(e) => setEmail(e.currentTarget.checked)} />
          <Button onClick={() => void submit()} loading={saving} disabled={!templateId}>
            {t('gdap.rel.requestButton')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** "Upgrade to template vN": shows the role difference first, then re-requests. */
function UpgradeModal({ companyId, relationship, templates, onClose, onDone }: { companyId: number; relationship: GdapRelationship; templates: GdapTemplate[]; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [preview, setPreview] = useState<GdapUpgradePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const choose = async (v: string | null) => {
    setTemplateId(v);
    setPreview(null);
    if (!v) return;
    try {
      setPreview(await apiFetch<GdapUpgradePreview>(`/api/v1/companies/${companyId}/gdap/${relationship.id}/upgrade-preview?templateId=${v}`));
    } catch (e) {
      setError(e);
    }
  };
  const confirm = async () => {
    setSaving(true);
    try {
      await apiSend('POST', `/api/v1/companies/${companyId}/gdap/${relationship.id}/actions`, { action: 'upgrade', templateId: Number(templateId) });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const names = (list: { name: string }[]) => (list.length === 0 ? <Text size="sm">{t('gdap.rel.upgradeNone')}</Text> : <List size="sm">{list.map((r) => <List.Item key={r.name}>{r.name}</List.Item>)}</List>);
  return (
    <Modal opened onClose={onClose} title={t('gdap.rel.upgradeTitle', { name: relationship.displayName })}>
      <Stack>
        {error !== null && <ProblemAlert error={error} withCloseButton onClose={() => setError(null)} />}
        <Select label={t('gdap.rel.requestTemplate')} data={templates.map((x) => ({ value: String(x.id), label: templateLabel(x) }))} value={templateId} onChange={(v) => void choose(v)} />
        {preview && (
          <Stack gap="xs" data-testid="gdap-upgrade-preview">
            <Text fw={500}>{t('gdap.rel.upgradeAdded')}</Text>
            {names(preview.added)}
            <Text fw={500}>{t('gdap.rel.upgradeRemoved')}</Text>
            {names(preview.removed)}
            <Text fw={500}>{t('gdap.rel.upgradeKept')}</Text>
            {names(preview.kept)}
            <Text size="sm">{t('gdap.rel.upgradeDuration', { from: preview.durationDays.from, to: preview.durationDays.to })}</Text>
            <Button onClick={() => void confirm()} loading={saving}>
              {t('gdap.rel.upgradeConfirm')}
            </Button>
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
