// size: one page: the filter, the sortable table, paging, export and the selection a bulk fix starts from.
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Select, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { CockpitList } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import { useSession } from '../auth/session';
import { cellValueKey, cockpitKey } from './cockpit-text';
import { BulkDryRunModal, type BulkActionName } from './bulk-dry-run-modal';

const PAGE = 50;

/** The bulk fix each list offers on its selected rows. */
const BULK_OF: Record<string, BulkActionName | undefined> = {
  gdap: 'gdap-remove-global-admin',
  authorizations: 'resend-acceptance-links',
  resellers: 'revalidate-partners-of-record',
  relationships: 'gdap-request-from-template',
};

/** The rows behind a cockpit figure: filtered, sortable, paged, exportable, and selectable for a bulk fix. */
export function CockpitListPage() {
  const { t, formatNumber } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const { list = 'customers' } = useParams();
  const [params, setParams] = useSearchParams();
  const filter = params.get('filter') ?? '';
  const sort = params.get('sort') ?? '';
  const dir = params.get('dir') === 'desc' ? 'desc' : 'asc';
  const offset = Number(params.get('offset') ?? '0') || 0;
  const query = new URLSearchParams({ ...(filter ? { filter } : {}), ...(sort ? { sort, dir } : {}) });
  const page = useApi<CockpitList>(`/api/v1/cockpit/lists/${encodeURIComponent(list)}?${query.toString()}&limit=${PAGE}&offset=${offset}`);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dryRun, setDryRun] = useState(false);
  const bulk = BULK_OF[list];
  const mayBulk = bulk !== undefined && can('sync.manage') && (bulk !== 'revalidate-partners-of-record' || can('connections.read')) && (bulk !== 'gdap-request-from-template' || can('gdap.manage'));

  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v === null) p.delete(k);
    else p.set(k, v);
    setParams(p);
    setSelected(new Set());
  };
  const data = page.data;
  const keyOf = (row: Record<string, unknown>) => (data ? data.key.map((k) => String(row[k] ?? '')).join('/') : '');
  const titleKey = cockpitKey(`cockpit.list.title.${list}`);

  return (
    <Stack maw={1200}>
      <Anchor component={Link} to="/" size="sm">
        {t('cockpit.list.back')}
      </Anchor>
      <Title order={1}>{t(titleKey)}</Title>
      {page.error && <Alert color="red">{describeProblem(page.error)}</Alert>}
      {data && (
        <Group justify="space-between" align="flex-end">
          <Group align="flex-end">
            <Select
              label={t('cockpit.list.filter')}
              data={data.filters.map((f) => ({ value: f, label: t(cockpitKey(`cockpit.filter.${f}`)) }))}
              value={data.filter}
              onChange={(v) => v && set({ filter: v, offset: null })}
              allowDeselect={false}
              data-testid="list-filter"
            />
            <Text size="sm" data-testid="list-total" data-total={data.total}>
              {t('cockpit.list.total', { count: formatNumber(data.total) })}
            </Text>
          </Group>
          <Group>
            {mayBulk && (
              <Button disabled={selected.size === 0} onClick={() => setDryRun(true)} data-testid="bulk-open">
                {t(cockpitKey(`cockpit.bulk.${bulk}`))} ({t('cockpit.list.selected', { count: selected.size })})
              </Button>
            )}
            <Button component="a" variant="light" href={`/api/v1/cockpit/lists/${encodeURIComponent(list)}/export?${query.toString()}`} download>
              {t('cockpit.list.export')}
            </Button>
          </Group>
        </Group>
      )}
      {page.loading && !data && <Loader size="sm" />}
      {data && data.rows.length === 0 && <Text>{t('cockpit.list.empty')}</Text>}
      {data && data.rows.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover data-testid="cockpit-table">
            <Table.Thead>
              <Table.Tr>
                {mayBulk && (
                  <Table.Th>
                    <Checkbox
                      aria-label={t('cockpit.list.selectAll')}
                      checked={data.rows.every((r) => selected.has(keyOf(r)))}
                      onChange={(e) => setSelected(e.currentTarget.checked ? new Set(data.rows.map(keyOf)) : new Set())}
                    />
                  </Table.Th>
                )}
                {data.columns.map((col) => {
                  const label = t(cockpitKey(`cockpit.col.${col}`));
                  const active = data.sort === col;
                  return (
                    <Table.Th key={col} aria-sort={active ? (data.dir === 'desc' ? 'descending' : 'ascending') : 'none'}>
                      <UnstyledButton onClick={() => set({ sort: col, dir: active && data.dir === 'asc' ? 'desc' : 'asc', offset: null })} aria-label={t('cockpit.list.sortBy', { column: label })}>
                        <Group gap={4} wrap="nowrap">
                          <Text size="sm" fw={600}>
                            {label}
                          </Text>
                          {active && (data.dir === 'desc' ? <IconArrowDown size={14} /> : <IconArrowUp size={14} />)}
                        </Group>
                      </UnstyledButton>
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.map((row) => {
                const key = keyOf(row);
                return (
                  <Table.Tr key={key} data-row-key={key}>
                    {mayBulk && (
                      <Table.Td>
                        <Checkbox
                          aria-label={t('cockpit.list.select', { name: String(row.displayName ?? row.name ?? (row.connectionName ? `${String(row.companyName)} (${String(row.connectionName)})` : row.companyName) ?? key) })}
                          checked={selected.has(key)}
                          onChange={(e) => {
                            const next = new Set(selected);
                            if (e.currentTarget.checked) next.add(key);
                            else next.delete(key);
                            setSelected(next);
                          }}
                        />
                      </Table.Td>
                    )}
                    {data.columns.map((col) => (
                      <Table.Td key={col} data-col={col}>
                        <CellValue list={list} column={col} value={row[col] ?? null} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data && data.total > PAGE && (
        <Group>
          <Button variant="default" disabled={offset === 0} onClick={() => set({ offset: String(Math.max(0, offset - PAGE)) })}>
            {t('cockpit.list.previous')}
          </Button>
          <Button variant="default" disabled={offset + PAGE >= data.total} onClick={() => set({ offset: String(offset + PAGE) })}>
            {t('cockpit.list.next')}
          </Button>
        </Group>
      )}
      {dryRun && bulk && (
        <BulkDryRunModal
          action={bulk}
          items={[...selected]}
          onClose={() => setDryRun(false)}
          onStarted={(jobId) => {
            setDryRun(false);
            void navigate(`/cockpit/jobs/${jobId}`);
          }}
        />
      )}
    </Stack>
  );
}

/** Identifiers shown as stored (a number that names a row, not a quantity). */
const ID_COLUMNS = new Set(['companyId', 'id', 'orderId', 'runId', 'connectionId', 'relationshipId']);

/** One cell in the reader's language: coded values in words, dates and quantities per locale. */
function CellValue({ list, column, value }: { list: string; column: string; value: string | number | boolean | null }) {
  const { t, formatDate, formatNumber } = useI18n();
  if (value === null) return <Text size="sm" c="dimmed">—</Text>;
  if (typeof value === 'boolean') return <Badge variant="light" color={value ? (column === 'hasGlobalAdmin' ? 'red' : 'green') : 'gray'}>{value ? t('cockpit.list.yes') : t('cockpit.list.no')}</Badge>;
  if (column === 'companyId' && typeof value === 'number') return <Anchor component={Link} to={`/companies/${value}`} size="sm">{value}</Anchor>;
  if (typeof value === 'number') return <Text size="sm">{ID_COLUMNS.has(column) ? String(value) : formatNumber(value)}</Text>;
  if (/At$|^since$/.test(column) && !Number.isNaN(Date.parse(value))) return <Text size="sm">{formatDate(value)}</Text>;
  const key = cellValueKey(list, column, value);
  return (
    <Text size="sm" {...(key ? { 'data-value': value } : {})}>
      {key ? t(key) : value}
    </Text>
  );
}

export default CockpitListPage;
