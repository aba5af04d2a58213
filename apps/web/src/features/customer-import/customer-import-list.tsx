import { useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { Alert, Badge, Button, Group, Loader, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { CustomerImportDecision, CustomerImportItem, CustomerImportItemsPage, CustomerImportRun } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { apiSend, type ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import { CompanyPicker } from '../channel/company-picker';

const PAGE = 50;
type Filter = 'all' | 'new' | 'matched' | 'conflict';
type T = ReturnType<typeof useI18n>['t'];

/** What will happen to one customer, in words: the decision when there is one, else the proposal. */
function willText(t: T, i: CustomerImportItem, owner: CustomerImportRun['owner']): string {
  if (i.outcome !== 'planned') return t(`import.outcome.${i.outcome}`);
  const d = i.decision;
  if (d?.action === 'skip') return t('import.will.skip');
  if (d?.action === 'match') return t('import.will.matched', { name: d.company?.name ?? '' });
  if (d?.action === 'new') return d.company?.id === owner.id ? t('import.decide.direct', { name: owner.name }) : t('import.will.new', { name: d.company?.name ?? '' });
  if (i.proposal === 'matched') return t('import.will.matched', { name: i.company?.name ?? '' });
  if (i.proposal === 'new') return i.parent?.id === owner.id ? t('import.decide.direct', { name: owner.name }) : t('import.will.new', { name: i.parent?.name ?? '' });
  return t('import.will.undecided');
}

function conflictText(t: T, c: CustomerImportItem['conflicts'][number]): string {
  return t(`import.conflict.${c.code}`, { domain: c.domain ?? '', id: c.partnerId ?? c.resellerTenantId ?? '', companies: c.companies.map((x) => x.name).join(', ') });
}

/** The choices for one customer: the companies its conflicts name, a direct customer, another reseller, leaving it out. */
function choices(t: T, i: CustomerImportItem, owner: CustomerImportRun['owner']) {
  const options: { value: string; label: string }[] = [];
  if (i.proposal !== 'conflict') options.push({ value: 'proposal', label: t('import.decide.proposal') });
  const seen = new Set<string>();
  for (const c of i.conflicts)
    for (const co of c.companies) {
      const value = co.kind === 'customer' ? `match:${co.id}` : `new:${co.id}`;
      if (seen.has(value)) continue;
      seen.add(value);
      options.push({ value, label: co.kind === 'customer' ? t('import.decide.match', { name: co.name }) : t('import.decide.newUnder', { name: co.name }) });
    }
  options.push({ value: `new:${owner.id}`, label: t('import.decide.direct', { name: owner.name }) });
  options.push({ value: 'other', label: t('import.decide.otherReseller') });
  options.push({ value: 'skip', label: t('import.decide.skip') });
  const d = i.decision;
  const current = d ? (d.action === 'skip' ? 'skip' : `${d.action}:${d.company?.id ?? ''}`) : i.proposal === 'conflict' ? null : 'proposal';
  if (current && !options.some((o) => o.value === current) && d?.company) options.unshift({ value: current, label: willText(t, i, owner) });
  return { options, current };
}

function toDecision(value: string): CustomerImportDecision {
  if (value === 'skip') return { action: 'skip' };
  if (value === 'proposal') return { action: 'proposal' };
  const [action, id] = value.split(':');
  return action === 'match' ? { action: 'match', companyId: Number(id) } : { action: 'new', parentCompanyId: Number(id) };
}

function DecisionControl({ runId, item, owner, onDecided }: { runId: string; item: CustomerImportItem; owner: CustomerImportRun['owner']; onDecided: () => void }) {
  const { t } = useI18n();
  const [other, setOther] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const { options, current } = choices(t, item, owner);
  const decide = async (decision: CustomerImportDecision) => {
    setSaving(true);
    setError(null);
    try {
      await apiSend('PUT', `/api/v1/customer-imports/${encodeURIComponent(runId)}/items/${encodeURIComponent(item.tenantId)}/decision`, decision);
      setOther(false);
      onDecided();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap={4}>
      <Select
        size="xs"
        aria-label={t('import.decide.label', { name: item.companyName })}
        placeholder={t('import.decide.placeholder')}
        data={options}
        value={other ? 'other' : current}
        allowDeselect={false}
        disabled={saving}
        onChange={(v) => {
          if (v === 'other') setOther(true);
          else if (v) void decide(toDecision(v));
        }}
      />
      {other && (
        <CompanyPicker
          label={t('import.decide.pickReseller')}
          kind="reseller"
          value={null}
          nothingFound={t('import.decide.pickResellerNone')}
          onChange={(picked) => picked && void decide({ action: 'new', parentCompanyId: picked.id })}
        />
      )}
      {error && (
        <Text size="xs" c="red">
          {describeProblem(error)}
        </Text>
      )}
    </Stack>
  );
}

/** The plan's customers, searchable and filtered by proposal, a page at a time, each with what will happen and its decision. */
export function CustomerImportList({ run, editable, onDecided }: { run: CustomerImportRun; editable: boolean; onDecided: () => void }) {
  const { t, formatNumber } = useI18n();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const [filter, setFilter] = useState<Filter>(run.counts.conflicts > run.counts.conflictsDecided ? 'conflict' : 'all');
  const [offset, setOffset] = useState(0);
  const params = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
  if (query) params.set('q', query);
  if (filter !== 'all') params.set('proposal', filter);
  const page = useApi<CustomerImportItemsPage>(`/api/v1/customer-imports/${encodeURIComponent(run.id)}/items?${params.toString()}`);
  const items = page.data;
  const decided = () => {
    page.reload();
    onDecided();
  };
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('import.list')}
      </Title>
      <Group align="end">
        <TextInput
          label={t('import.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setOffset(0);
          }}
          w={320}
        />
        <SegmentedControl
          aria-label={t('import.filter')}
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setOffset(0);
          }}
          data={(['all', 'new', 'matched', 'conflict'] as const).map((f) => ({ value: f, label: t(`import.filter.${f}`) }))}
        />
      </Group>
      {page.error && <Alert color="red">{describeProblem(page.error)}</Alert>}
      {!items && !page.error && <Loader size="sm" />}
      {items && items.total === 0 && <Text c="dimmed">{t('import.list.empty')}</Text>}
      {items && items.total > 0 && (
        <>
          <Table data-testid="import-items" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.col.customer')}</Table.Th>
                <Table.Th>{t('import.col.domain')}</Table.Th>
                <Table.Th>{t('import.col.subscriptions')}</Table.Th>
                <Table.Th>{t('import.col.will')}</Table.Th>
                {editable && <Table.Th>{t('import.col.decision')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.items.map((i) => (
                <Table.Tr key={i.tenantId} data-tenant={i.tenantId} data-proposal={i.proposal} data-outcome={i.outcome}>
                  <Table.Td>
                    <Text size="sm">{i.companyName}</Text>
                    <Text size="xs" c="dimmed" translate="no">
                      {i.tenantId}
                    </Text>
                    <Group gap={4} mt={2}>
                      {i.mca && (
                        <Badge size="xs" variant="outline" color={i.mca === 'current' ? 'green' : 'orange'}>
                          {t(`import.mca.${i.mca}`)}
                        </Badge>
                      )}
                      <Badge size="xs" variant="outline" color={i.gdap.active > 0 ? 'blue' : 'gray'}>
                        {t('import.gdap', { active: formatNumber(i.gdap.active), total: formatNumber(i.gdap.total) })}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td translate="no">{i.defaultDomain}</Table.Td>
                  <Table.Td>{formatNumber(i.subscriptions)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={i.proposal === 'conflict' && !i.decision ? 'orange' : i.outcome === 'applied' ? 'green' : 'gray'}>
                      {willText(t, i, run.owner)}
                    </Badge>
                    {i.conflicts.map((c) => (
                      <Text key={c.code + (c.domain ?? c.partnerId ?? '')} size="xs" c="dimmed">
                        {conflictText(t, c)}
                      </Text>
                    ))}
                  </Table.Td>
                  {editable && <Table.Td miw={260}>{i.outcome === 'planned' && <DecisionControl runId={run.id} item={i} owner={run.owner} onDecided={decided} />}</Table.Td>}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between">
            <Text size="sm">{t('import.list.showing', { from: formatNumber(offset + 1), to: formatNumber(Math.min(offset + PAGE, items.total)), total: formatNumber(items.total) })}</Text>
            <Group gap="xs">
              <Button size="compact-sm" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('import.list.previous')}
              </Button>
              <Button size="compact-sm" variant="default" disabled={offset + PAGE >= items.total} onClick={() => setOffset(offset + PAGE)}>
                {t('import.list.next')}
              </Button>
            </Group>
          </Group>
        </>
      )}
    </Stack>
  );
}
