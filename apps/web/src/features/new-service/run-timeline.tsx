import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Badge, Card, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock, IconPlayerPlay, IconRefresh, IconX } from '@tabler/icons-react';
import { invalidateApi, useApi } from '../../api/use-api';
import { useI18n, type I18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import { onboardingApi } from './new-service-client';
import type { ListOf, Run } from '@csphub/server/contract';
import { OneTimePassword } from './one-time-password';
import { RetryRunButton } from './retry-run-button';
import { McaWaitingNotice } from './mca-waiting-notice';
import { describeProblem } from '../../i18n/problem-text';
import { GdapApprovalLink } from './gdap-approval-link';

const STATE_COLOR: Record<Run['state'], string> = { running: 'blue', succeeded: 'green', failed: 'red', needs_attention: 'orange' };
const STEP_ICON: Record<string, typeof IconCheck> = { succeeded: IconCheck, failed: IconX, retrying: IconRefresh, running: IconPlayerPlay, interrupted: IconAlertTriangle };

/**
 * Why a run stopped, for a person: a sentence per known failure code that says what to do, else a
 * general one. Microsoft's own text goes in the details line under it.
 */
function failureText({ t, has }: Pick<I18n, 't' | 'has'>, code: string | null): string {
  const key = `run.failed.${code ?? ''}`;
  return has(key) ? t(key) : t('run.failed.generic');
}

/** The step's label in the UI language when the catalogue has one (`run.step.<id>`), else its id. */
function stepLabel({ t, has }: Pick<I18n, 't' | 'has'>, stepId: string): string {
  const key = `run.step.${stepId}`;
  return has(key) ? t(key) : stepId;
}

/**
 * The account's runs as a live timeline: every step attempt with its state,
 * attempt number, last error and Partner Center correlation id. Polls every 2 s while a run is in
 * progress, then stops. A stopped new-tenant run (not synced, or needs attention) offers Retry;
 * after a retry the timeline polls again until the run moves on.
 */
export function RunTimeline({ companyId }: { companyId: number }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const runs = useApi<ListOf<Run>>(onboardingApi.runs(companyId));
  // Runs woken by Retry, with the `updatedAt` they had then: poll until the run has moved on.
  const [woken, setWoken] = useState<Record<string, string>>({});
  const active = runs.data?.items.some((r) => r.state === 'running' || woken[r.id] === r.updatedAt) ?? true;
  const { reload } = runs;
  const onRetried = useCallback(
    (run: Run) => {
      setWoken((w) => ({ ...w, [run.id]: run.updatedAt }));
      reload();
      invalidateApi(`/api/v1/companies/${companyId}/sync-options`);
    },
    [reload, companyId],
  );
  // A run that moves on changes the account's sync status and reason: the service card and the
  // checklist read them again instead of showing the state from before until a reload.
  const progress = runs.data?.items.map((r) => `${r.id}:${r.state}:${r.updatedAt}`).join('|');
  const seenProgress = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (progress === undefined) return;
    const before = seenProgress.current;
    seenProgress.current = progress;
    if (before !== undefined && before !== progress) invalidateApi(`/api/v1/companies/${companyId}/sync-options`, `/api/v1/companies/${companyId}/prerequisites`);
  }, [progress, companyId]);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, 2000);
    return () => clearInterval(timer);
  }, [active, reload]);

  return (
    <Card withBorder aria-busy={runs.loading} data-testid="run-timeline">
      <Title order={2} size="h4" mb="sm">
        {t('run.title')}
      </Title>
      {!runs.data && runs.loading && (
        <Group>
          <Loader size="sm" />
          <Text>{t('run.loading')}</Text>
        </Group>
      )}
      {runs.error && <Alert color="red">{t('run.error', { message: describeProblem(runs.error) })}</Alert>}
      {runs.data && runs.data.items.length === 0 && <Text c="dimmed">{t('run.empty')}</Text>}
      <Stack>
        {runs.data?.items.map((run) => (
          <Stack key={run.id} gap="xs" data-testid={`run-${run.kind}`}>
            <Group justify="space-between">
              <Text fw={600}>{t(`run.kind.${run.kind}` as MessageKey)}</Text>
              <Badge color={STATE_COLOR[run.state]} data-testid="run-state">
                {t(`run.state.${run.state}`)}
              </Badge>
            </Group>
            {typeof run.facts.tenantId === 'string' && (
              <Text size="sm">{t('run.facts.tenant', { domain: String(run.facts.domain ?? run.facts.defaultDomain ?? ''), id: run.facts.tenantId })}</Text>
            )}
            {(run.kind === 'provision-tenant' || run.kind === 'link-existing-tenant' || run.kind === 'mca-acceptance') && <McaWaitingNotice facts={run.facts} running={run.state === 'running'} companyId={companyId} runId={run.id} onChecked={reload} />}
            {typeof run.facts.gdapApprovalUrl === 'string' && <GdapApprovalLink url={run.facts.gdapApprovalUrl} />}
            {run.errorMessage && (
              <Alert color={run.state === 'needs_attention' ? 'orange' : 'red'} title={t('run.failed.title')}>
                {run.errorCode === 'MFA_REQUIRED' || run.errorCode === 'RECONNECT_REQUIRED' ? (
                  <Text size="sm" fw={600} mb={4} data-testid="run-hint">
                    {t(`run.hint.${run.errorCode}`)}
                  </Text>
                ) : (
                  <Text size="sm" mb={4} data-testid="run-failure">
                    {failureText(i18n, run.errorCode)}
                  </Text>
                )}
                {/* Microsoft's (or the step's) own words, for support: a details line, not the message. */}
                <Text size="xs" c="dimmed" data-raw-text data-testid="run-error-details">
                  {t('services.failed.details', { reason: run.errorMessage })}
                </Text>
              </Alert>
            )}
            <Timeline bulletSize={22} lineWidth={2} active={run.steps.length}>
              {run.steps.map((s) => {
                const Icon = STEP_ICON[s.state] ?? IconClock;
                return (
                  <Timeline.Item key={`${s.stepId}-${s.attempt}`} bullet={<Icon size={12} />} title={`${stepLabel(i18n, s.stepId)} · ${t(`run.step.state.${s.state}` as MessageKey)}`}
                    data-step={s.stepId}
                  >
                    <Text size="xs" c="dimmed">
                      {t('run.attempt', { n: s.attempt })} · {formatDate(s.startedAt, 'time')}
                    </Text>
                    {s.errorMessage && (
                      <Text size="xs" c="red" data-raw-text>
                        {t('services.failed.details', { reason: s.errorMessage })}
                      </Text>
                    )}
                    {s.correlationId && (
                      <Text size="xs" c="dimmed">
                        {t('run.correlation', { id: s.correlationId })}
                      </Text>
                    )}
                  </Timeline.Item>
                );
              })}
            </Timeline>
            {run.kind === 'provision-tenant' && (run.state === 'failed' || run.state === 'needs_attention') && woken[run.id] !== run.updatedAt && (
              <RetryRunButton companyId={companyId} runId={run.id} onRetried={() => onRetried(run)} />
            )}
            {run.kind === 'provision-tenant' && run.state === 'succeeded' && <OneTimePassword companyId={companyId} runId={run.id} />}
            <Text size="xs" c="dimmed">
              {t('run.updated', { time: formatDate(run.updatedAt, 'dateTime') })}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
