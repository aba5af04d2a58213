import { useState } from 'react';
import { Alert, Anchor, Button, Code, Group, Loader, Select, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useApi } from '../../api/use-api';
import type { AuditLogPage } from '@csphub/server/contract';
import { useSession } from '../auth/session';
import { useI18n, type I18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';

/** The person's words for an audit action code (`company.created`); a code the catalogue lacks reads "Other change". */
export function auditActionTitle({ t, has }: Pick<I18n, 't' | 'has'>, action: string): string {
  const key = `audit.code.${action}`;
  return has(key) ? t(key) : t('audit.code.other');
}

const ACTIONS = ['company.', 'user.', 'api_token.', 'connection.', 'sync_options.', 'settings.'];

/** The company's audit log, newest first, filterable by action, with a CSV export. */
export function AuditTab({ companyId }: { companyId: number }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const { can } = useSession();
  const [action, setAction] = useState<string | null>(null);
  const query = `companyId=${companyId}${action ? `&action=${encodeURIComponent(action)}` : ''}`;
  const log = useApi<AuditLogPage>(can('audit.read') ? `/api/v1/audit-log?${query}&limit=100` : null);
  if (!can('audit.read')) return <Text c="dimmed">{t('audit.noAccess')}</Text>;
  return (
    <Stack>
      <Group justify="space-between">
        <Select
          aria-label={t('audit.filter')}
          placeholder={t('audit.allActions')}
          data={ACTIONS.map((a) => ({ value: a, label: t(`audit.action.${a.slice(0, -1)}` as 'audit.action.company') }))}
          value={action}
          onChange={setAction}
          clearable
          w={240}
        />
        <Button component="a" href={`/api/v1/audit-log/export.csv?${query}`} variant="light" leftSection={<IconDownload size={16} />}>
          {t('audit.export')}
        </Button>
      </Group>
      {log.loading && !log.data && <Loader size="sm" />}
      {log.error && <Alert color="red">{describeProblem(log.error)}</Alert>}
      {log.data && log.data.items.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
      {log.data && log.data.items.length > 0 && (
        <Table striped data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.when')}</Table.Th>
              <Table.Th>{t('audit.who')}</Table.Th>
              <Table.Th>{t('audit.what')}</Table.Th>
              <Table.Th>{t('audit.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatDate(e.at, 'dateTime')}</Table.Td>
                <Table.Td>{e.actorLabel}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} data-testid="audit-title">
                    {auditActionTitle(i18n, e.action)}
                  </Text>
                  <Text size="sm">{e.summary}</Text>
                  {/* The recorded code and request id, for support and API clients: a details line. */}
                  <Text size="xs" c="dimmed" data-raw-text data-testid="audit-code">
                    {e.action}
                    {e.requestId ? ` · ${e.requestId}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{e.before || e.after ? <Diff before={e.before} after={e.after} /> : null}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {log.data?.nextBeforeId && (
        <Anchor size="sm" href={`/api/v1/audit-log/export.csv?${query}`}>
          {t('audit.more')}
        </Anchor>
      )}
    </Stack>
  );
}

function Diff({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].slice(0, 8);
  return (
    <Stack gap={2}>
      {keys.map((k) => (
        <Text size="xs" key={k} data-raw-text>
          <Code>{k}</Code> {JSON.stringify(b[k] ?? null)} → {JSON.stringify(a[k] ?? null)}
        </Text>
      ))}
    </Stack>
  );
}
