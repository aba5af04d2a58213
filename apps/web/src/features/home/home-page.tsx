import { lazy, Suspense } from 'react';
import { Alert, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../auth/session';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ChannelSummary } from '../channel/channel-summary';
import type { Health } from '@csphub/server/contract';
import { describeProblem } from '../../i18n/problem-text';


// The cockpit and its charts load only for the staff who see it.
const CockpitPanel = lazy(() => import('../cockpit/cockpit-panel'));

/** The landing page: the portfolio cockpit for distributor and reseller staff, what CSP Hub does and whether its parts answer. */
export function HomePage() {
  const { t, formatDate } = useI18n();
  const { session } = useSession();
  const health = useApi<Health>('/healthz');
  const staff = session && session.company.kind !== 'customer';

  return (
    <Stack maw={staff ? 1200 : 960}>
      <Title order={1}>{t('home.title')}</Title>
      <Text>{t('home.intro')}</Text>
      {staff && (
        <Suspense fallback={<Loader size="sm" />}>
          <CockpitPanel />
        </Suspense>
      )}
      <ChannelSummary />
      <Card withBorder aria-busy={health.loading}>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('home.status.title')}
          </Title>
          {health.at && (
            <Text size="xs" c="dimmed">
              {t('home.status.checkedAt', { time: formatDate(health.at, 'time') })}
            </Text>
          )}
        </Group>
        {health.loading && !health.data && (
          <Group>
            <Loader size="sm" />
            <Text>{t('home.status.loading')}</Text>
          </Group>
        )}
        {health.error && (
          <Alert color="red" title={t('home.status.error', { message: describeProblem(health.error) })}>
            <Button size="xs" variant="light" onClick={health.reload} loading={health.loading}>
              {t('home.status.retry')}
            </Button>
          </Alert>
        )}
        {health.data && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <StatusItem
              label={t('home.status.database')}
              detail={`${t(`home.status.databaseKind.${health.data.database.kind}`)}${health.data.database.latencyMs !== undefined ? ` · ${t('home.status.latency', { ms: health.data.database.latencyMs })}` : ''}`}
              ok={health.data.database.ok}
              testId="status-database"
            />
            <StatusItem
              label={t('home.status.emulator')}
              detail={
                health.data.emulator.mode === 'embedded'
                  ? t('home.status.emulatorEmbedded', { url: health.data.emulator.url ?? '' })
                  : t('home.status.emulatorOff')
              }
              ok={health.data.emulator.ok !== false}
              testId="status-emulator"
            />
          </SimpleGrid>
        )}
      </Card>
    </Stack>
  );
}

function StatusItem({ label, detail, ok, testId }: { label: string; detail: string; ok: boolean; testId: string }) {
  const { t } = useI18n();
  return (
    <Group justify="space-between" wrap="nowrap" data-testid={testId}>
      <div>
        <Text fw={600}>{label}</Text>
        <Text size="sm" c="dimmed">
          {detail}
        </Text>
      </div>
      <Badge color={ok ? 'green' : 'red'}>{ok ? t('home.status.ok') : t('home.status.down')}</Badge>
    </Group>
  );
}
