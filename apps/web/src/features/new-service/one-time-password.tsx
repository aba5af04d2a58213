import { useState } from 'react';
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { post } from './new-service-client';
import type { RevealedCredentials } from '@csphub/server/contract';
import { describeProblem } from '../../i18n/problem-text';

/**
 * The new tenant's one-time admin password: fetched on demand, shown once to the person who
 * ran the order (the server checks and wipes it), kept only in this component's memory.
 */
export function OneTimePassword({ companyId, runId }: { companyId: number; runId: string }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<{ signInName: string | null; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reveal = async () => {
    setBusy(true);
    try {
      setShown(await post<RevealedCredentials>(`/api/v1/companies/${companyId}/onboarding/runs/${encodeURIComponent(runId)}/reveal-credentials`));
    } catch (e) {
      setError(describeProblem(e));
    } finally {
      setBusy(false);
    }
  };
  if (shown) {
    return (
      <Alert color="blue" title={t('run.password.title')} data-testid="one-time-password">
        <Stack gap={4}>
          <Text size="sm">{t('run.password.body')}</Text>
          {shown.signInName && <Text size="sm">{t('run.password.signIn', { name: shown.signInName })}</Text>}
          <Group gap="xs">
            <Code>{shown.password}</Code>
            <CopyButton value={shown.password}>{({ copied, copy }) => <Button size="compact-xs" variant="light" onClick={copy}>{copied ? t('run.password.copied') : t('run.password.copy')}</Button>}</CopyButton>
          </Group>
        </Stack>
      </Alert>
    );
  }
  if (error) return <Text size="sm" c="dimmed">{t('run.password.gone', { message: error })}</Text>;
  return (
    <Button size="xs" variant="light" onClick={() => void reveal()} loading={busy} style={{ alignSelf: 'flex-start' }}>
      {t('run.password.show')}
    </Button>
  );
}
