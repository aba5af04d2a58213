import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Group, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { BulkJob } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { apiSend, type ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import { cockpitKey } from './cockpit-text';

const COLOR = { pending: 'gray', succeeded: 'green', failed: 'red' } as const;

/** A bulk job: its progress bar and each item's result, read again every second until it finishes; retry of the failed items. */
export function CockpitJobPage() {
  const { t, formatDate } = useI18n();
  const { jobId = '' } = useParams();
  const job = useApi<BulkJob>(`/api/v1/cockpit/bulk/jobs/${encodeURIComponent(jobId)}`);
  const [error, setError] = useState<ApiError | null>(null);
  const j = job.data;
  const { reload } = job;
  useEffect(() => {
    if (j?.state === 'finished') return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [j?.state, reload]);
  const retry = async () => {
    try {
      await apiSend('POST', `/api/v1/cockpit/bulk/jobs/${encodeURIComponent(jobId)}/retry`);
      reload();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  if (job.error && !j) return <Alert color="red">{describeProblem(job.error)}</Alert>;
  if (!j) return <Loader size="sm" />;
  const pct = j.total === 0 ? 100 : Math.round((j.done / j.total) * 100);
  return (
    <Stack maw={1000} data-testid="bulk-job" data-state={j.state}>
      <Anchor component={Link} to="/" size="sm">
        {t('cockpit.list.back')}
      </Anchor>
      <Title order={1}>{t('cockpit.job.title', { action: t(cockpitKey(`cockpit.bulk.${j.action}`)) })}</Title>
      <Text size="sm" c="dimmed">
        {t('cockpit.job.startedBy', { who: j.createdByLabel, time: formatDate(j.createdAt, 'dateTime') })}
      </Text>
      <Group justify="space-between">
        <Badge>{t(cockpitKey(`cockpit.job.state.${j.state}`))}</Badge>
        <Text size="sm" role="status" data-testid="bulk-progress">
          {t('cockpit.job.progress', { done: j.done, total: j.total, succeeded: j.succeeded, failed: j.failed })}
        </Text>
      </Group>
      <Progress value={pct} aria-label={t('cockpit.job.progress', { done: j.done, total: j.total, succeeded: j.succeeded, failed: j.failed })} color={j.failed > 0 ? 'orange' : 'green'} />
      {error && <Alert color="red">{describeProblem(error)}</Alert>}
      <Table data-testid="bulk-items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cockpit.job.item')}</Table.Th>
            <Table.Th>{t('cockpit.col.state')}</Table.Th>
            <Table.Th>{t('cockpit.job.result')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {j.items.map((i) => (
            <Table.Tr key={i.itemKey} data-item-key={i.itemKey} data-state={i.state}>
              <Table.Td>{i.label}</Table.Td>
              <Table.Td>
                <Badge color={COLOR[i.state]}>{t(cockpitKey(`cockpit.job.item.${i.state}`))}</Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{i.errorMessage ?? (i.outcome ? outcomeText(t, i.outcome) : '')}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {j.state === 'finished' && j.failed > 0 && (
        <Group>
          <Button onClick={() => void retry()}>{t('cockpit.job.retry')}</Button>
        </Group>
      )}
    </Stack>
  );
}

function outcomeText(t: ReturnType<typeof useI18n>['t'], outcome: Record<string, unknown>): string {
  const done: string[] = [];
  if (outcome.removedGlobalAdmin === true) done.push(t('cockpit.bulk.will.remove-global-admin'));
  if (outcome.enabledAutoExtend === true) done.push(t('cockpit.bulk.will.enable-auto-extend'));
  if (typeof outcome.porStatus === 'string') done.push(`${t('cockpit.col.porStatus')}: ${outcome.porStatus}`);
  if (typeof outcome.template === 'string') done.push(`${t('cockpit.bulk.will.request-gdap')} → ${outcome.template}`);
  if (Array.isArray(outcome.to)) done.push(`${t('cockpit.bulk.will.resend-request')} → ${outcome.to.join(', ')}`);
  return done.join(' · ');
}

export default CockpitJobPage;
