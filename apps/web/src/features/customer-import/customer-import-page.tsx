import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Connection, CustomerImportRun } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { apiSend, type ApiError } from '../../api/api-client';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import { useTree } from '../channel/tree-data';
import { CustomerImportList } from './customer-import-list';

const STATE_COLOR = { reading: 'blue', review: 'yellow', importing: 'blue', paused: 'gray', done: 'green', failed: 'red' } as const;
const busy = (s: CustomerImportRun['state']) => s === 'reading' || s === 'importing';

/**
 * The import of a connection's existing customers: start the reading, review the plan (counts, per
 * reseller, the searchable list with a decision per conflict), import with a progress bar that can
 * be paused and resumed, and the report. The run is read again every second while it works.
 */
export function CustomerImportPage() {
  const { t, formatNumber } = useI18n();
  const { can } = useSession();
  const { connectionId = '' } = useParams();
  const allowed = can('connections.read');
  const conn = useApi<Connection>(allowed ? `/api/v1/connections/${encodeURIComponent(connectionId)}` : null);
  const runs = useApi<{ items: CustomerImportRun[] }>(allowed ? `/api/v1/connections/${encodeURIComponent(connectionId)}/customer-imports` : null);
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const run = runs.data?.items[0];
  const { reload } = runs;
  const { refresh } = useTree();
  // The side bar's tree shows the new companies once the import is done.
  const state = run?.state;
  useEffect(() => {
    if (state === 'done') refresh();
  }, [state, refresh]);
  useEffect(() => {
    if (!run || !busy(run.state)) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [run, reload]);

  const send = async (path: string) => {
    setSending(true);
    setError(null);
    try {
      await apiSend('POST', path);
      reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setSending(false);
    }
  };

  if (!allowed) return <Alert color="yellow">{t('import.notAllowed')}</Alert>;
  if ((runs.error && !runs.data) || (conn.error && !conn.data)) return <Alert color="red">{describeProblem(runs.error ?? conn.error)}</Alert>;
  if (!runs.data || !conn.data) return <Loader size="sm" />;
  const manage = can('connections.manage');
  const canStart = manage && (!run || run.state === 'done' || run.state === 'failed' || run.state === 'review');
  return (
    <Stack maw={1200} data-testid="customer-import" data-state={run?.state ?? 'none'}>
      <Anchor component={Link} to="/connections" size="sm">
        {t('import.back')}
      </Anchor>
      <Title order={1}>{t('import.title', { connection: conn.data.name })}</Title>
      <Text size="sm" c="dimmed">
        {t('import.intro')}
      </Text>
      {error && <Alert color="red">{describeProblem(error)}</Alert>}
      <Group>
        {run && <Badge color={STATE_COLOR[run.state]}>{t(`import.state.${run.state}`)}</Badge>}
        {canStart && (
          <Button variant={run ? 'default' : 'filled'} loading={sending} onClick={() => void send(`/api/v1/connections/${encodeURIComponent(connectionId)}/customer-imports`)}>
            {run ? t('import.startAgain') : t('import.start')}
          </Button>
        )}
      </Group>
      {!run && <Text c="dimmed">{t('import.none')}</Text>}
      {run?.state === 'done' && <Text size="sm">{t('import.again')}</Text>}
      {run?.state === 'reading' && (
        <Stack gap={4}>
          <Text role="status" data-testid="import-reading">
            {t('import.reading', { customers: formatNumber(run.customersRead), subscriptions: formatNumber(run.subscriptionsRead) })}
          </Text>
          <Progress value={100} animated aria-label={t('import.reading', { customers: formatNumber(run.customersRead), subscriptions: formatNumber(run.subscriptionsRead) })} />
        </Stack>
      )}
      {run?.state === 'failed' && <Alert color="red">{t('import.failed', { reason: run.failureReason ?? '' })}</Alert>}
      {run && run.state !== 'reading' && run.state !== 'failed' && (
        <>
          <ImportCounts run={run} />
          <ImportProgress run={run} manage={manage} sending={sending} send={send} />
          <CustomerImportList run={run} editable={manage && (run.state === 'review' || run.state === 'paused')} onDecided={reload} />
        </>
      )}
    </Stack>
  );
}

function ImportCounts({ run }: { run: CustomerImportRun }) {
  const { t, formatNumber } = useI18n();
  const c = run.counts;
  const figure = (label: string, value: number, testId: string, extra?: string) => (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {formatNumber(value)}
      </Text>
      {extra && <Text size="xs">{extra}</Text>}
    </Card>
  );
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {figure(t('import.count.total'), c.total, 'import-count-total')}
        {figure(t('import.count.new'), c.new, 'import-count-new')}
        {figure(t('import.count.matched'), c.matched, 'import-count-matched')}
        {figure(t('import.count.conflicts'), c.conflicts, 'import-count-conflicts', t('import.count.conflictsDecided', { decided: formatNumber(c.conflictsDecided), total: formatNumber(c.conflicts) }))}
      </SimpleGrid>
      <Title order={2} size="h4">
        {t('import.perParent')}
      </Title>
      {run.perParent.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('import.perParent.none')}
        </Text>
      ) : (
        <Table maw={500} data-testid="import-per-parent">
          <Table.Tbody>
            {run.perParent.map((p) => (
              <Table.Tr key={p.parent.id}>
                <Table.Td>{p.parent.kind === 'distributor' ? t('import.decide.direct', { name: p.parent.name }) : p.parent.name}</Table.Td>
                <Table.Td ta="right">{formatNumber(p.new)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function ImportProgress({ run, manage, sending, send }: { run: CustomerImportRun; manage: boolean; sending: boolean; send: (path: string) => Promise<void> }) {
  const { t, formatNumber } = useI18n();
  const c = run.counts;
  const base = `/api/v1/customer-imports/${encodeURIComponent(run.id)}`;
  const done = c.applied + c.skipped;
  const total = done + c.toApply;
  const undecided = c.conflicts - c.conflictsDecided;
  const progressText = t('import.progress', { done: formatNumber(done), total: formatNumber(total), created: formatNumber(run.companiesCreated), updated: formatNumber(run.companiesUpdated) });
  return (
    <Stack gap="xs">
      {run.state === 'review' && undecided > 0 && <Text size="sm">{t('import.apply.undecided', { count: undecided })}</Text>}
      {run.state === 'review' && c.toApply === 0 && <Text size="sm">{t('import.apply.nothing')}</Text>}
      {(run.state === 'importing' || run.state === 'paused' || run.state === 'done') && (
        <>
          <Text size="sm" role="status" data-testid="import-progress">
            {progressText}
          </Text>
          <Progress value={total === 0 ? 100 : Math.round((done / total) * 100)} aria-label={progressText} animated={run.state === 'importing'} />
        </>
      )}
      {manage && (
        <Group>
          {run.state === 'review' && c.toApply > 0 && (
            <Button loading={sending} onClick={() => void send(`${base}/apply`)} data-testid="import-apply">
              {t('import.apply', { count: c.toApply })}
            </Button>
          )}
          {run.state === 'importing' && (
            <Button variant="default" loading={sending} onClick={() => void send(`${base}/pause`)}>
              {t('import.pause')}
            </Button>
          )}
          {run.state === 'paused' && (
            <Button loading={sending} onClick={() => void send(`${base}/apply`)}>
              {t('import.resume')}
            </Button>
          )}
        </Group>
      )}
      {run.state === 'done' && (
        <Card withBorder data-testid="import-report">
          <Title order={2} size="h4">
            {t('import.report')}
          </Title>
          <Text size="sm">{t('import.report.summary', { created: formatNumber(run.companiesCreated), updated: formatNumber(run.companiesUpdated), skipped: formatNumber(c.skipped), left: formatNumber(c.planned) })}</Text>
          <Group mt="xs">
            <Anchor href={`${base}/report.csv`} download>
              {t('import.report.csv')}
            </Anchor>
          </Group>
        </Card>
      )}
    </Stack>
  );
}

export default CustomerImportPage;
