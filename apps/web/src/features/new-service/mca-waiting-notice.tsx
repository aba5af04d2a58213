import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, CopyButton, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import { onboardingApi } from './new-service-client';

/** "3 minutes", "5 hours", "2 days" in the UI's language (Intl units). */
function waitedFor(locale: string, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const [value, unit] = minutes < 120 ? [Math.max(1, minutes), 'minute'] : minutes < 48 * 60 ? [Math.floor(minutes / 60), 'hour'] : [Math.floor(minutes / 1440), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * The MCA part of a new-tenant or existing-tenant run (docs/PARTNER-CENTER-REFERENCE.md §5.5), from the run's facts:
 * while it waits, who must accept, for how long it has waited, the link (open, copy); afterwards,
 * that it was accepted, or that the signatory declined.
 */
export function McaWaitingNotice({ facts, running, companyId, runId, onChecked }: { facts: Record<string, unknown>; running: boolean; companyId: number; runId: string; onChecked(): void }) {
  const { t, locale } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  const [checking, setChecking] = useState(false);
  // "Check now": the run (and orders held for the acceptance) look at once instead of at the next periodic check.
  const checkNow = async () => {
    setChecking(true);
    try {
      await onboardingApi.mcaCheck(companyId, runId);
      notifications.show({ color: 'blue', message: t('run.mca.checking') });
      onChecked();
    } catch (e) {
      notifications.show({ color: 'red', title: t('run.mca.checkFailed'), message: describeProblem(e) });
    } finally {
      setChecking(false);
    }
  };
  const status = facts.mcaStatus;
  const waiting = running && status === 'waiting';
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [waiting]);
  if (status === 'accepted') return <Text size="sm" c="green" data-testid="mca-accepted">{t('run.mca.accepted')}</Text>;
  if (status === 'declined') return <Alert color="orange" data-testid="mca-declined">{t('run.mca.declined')}</Alert>;
  if (!waiting || typeof facts.mcaAcceptanceUrl !== 'string') return null;
  const url = facts.mcaAcceptanceUrl;
  const since = typeof facts.mcaRequestedAt === 'string' ? Date.parse(facts.mcaRequestedAt) : now;
  return (
    <Alert color="blue" data-testid="mca-waiting">
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {t('run.mca.waiting', { name: String(facts.mcaSignatoryName ?? ''), email: String(facts.mcaSignatoryEmail ?? ''), duration: waitedFor(locale, now - since) })}
        </Text>
        <Text size="sm">{t('run.mca.waitingHint')}</Text>
        <Group gap="sm">
          <Anchor href={url} target="_blank" rel="noreferrer" size="sm" data-testid="mca-link">
            {t('run.mca.open')}
          </Anchor>
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" onClick={copy} data-testid="mca-copy">
                {copied ? t('run.mca.copied') : t('run.mca.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="light" onClick={() => void checkNow()} loading={checking} disabled={checking} data-testid="mca-check-now">
            {t('run.mca.checkNow')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
