import { useState } from 'react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useI18n } from '../../i18n/i18n';
import { onboardingApi } from './new-service-client';
import { describeProblem } from '../../i18n/problem-text';

/**
 * "Retry" on a stopped new-tenant run (not synced, or needs attention): wakes the run, which goes
 * on from the failed step (or starts over when nothing was created). Disabled while the request is
 * pending; a refusal (409 when the run moved on, 503 when the engine is busy) is a notification.
 */
export function RetryRunButton({ companyId, runId, onRetried }: { companyId: number; runId: string; onRetried: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await onboardingApi.retryRun(companyId, runId);
      notifications.show({ color: 'blue', message: t('run.retry.started') });
      onRetried();
    } catch (e) {
      notifications.show({ color: 'red', title: t('run.retry.failed'), message: describeProblem(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="xs" leftSection={<IconRefresh size={14} />} onClick={() => void retry()} loading={busy} disabled={busy} style={{ alignSelf: 'flex-start' }} data-testid="run-retry">
      {t('run.retry.button')}
    </Button>
  );
}
