// size: the cockpit's six cards and their charts read one summary; splitting them would only pass it around.
import '@mantine/charts/styles.css';
import { useState } from 'react';
import { Link } from 'react-router';
import { BarChart, DonutChart } from '@mantine/charts';
import { Box, VisuallyHidden } from '@mantine/core';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import type { CockpitSummary, GdapRefresh } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { apiSend } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import { useSession } from '../auth/session';
import { cockpitKey, listHref } from './cockpit-text';

/** One figure: a number that links to its list, or "not available" when CSP Hub has no record of it. */
function Figure({
  label,
  value,
  to,
  testId,
  color,
}: {
  label: string;
  value: number | null;
  to?: string;
  testId: string;
  color?: string;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <Group justify="space-between" wrap="nowrap" data-testid={testId}>
      <Text size="sm">{label}</Text>
      {value === null ? (
        <Tooltip label={t('cockpit.notAvailableHint')}>
          <Text size="sm" c="dimmed" data-value="n/a">
            {t('cockpit.notAvailable')}
          </Text>
        </Tooltip>
      ) : to ? (
        <Anchor component={Link} to={to} fw={700} c={color} data-value={value}>
          {formatNumber(value)}
        </Anchor>
      ) : (
        <Text fw={700} data-value={value}>
          {formatNumber(value)}
        </Text>
      )}
    </Group>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) {
  return (
    <Card withBorder data-testid={testId}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Stack gap={6}>{children}</Stack>
    </Card>
  );
}

/** The portfolio cockpit of the caller's subtree: the home page of distributor and reseller staff. */
export function CockpitPanel() {
  const { t, formatDate, formatNumber } = useI18n();
  const { can } = useSession();
  const summary = useApi<CockpitSummary>('/api/v1/cockpit/summary');
  const [refreshing, setRefreshing] = useState(false);
  const [refreshed, setRefreshed] = useState<GdapRefresh | null>(null);
  const s = summary.data;

  const refresh = async () => {
    setRefreshing(true);
    try {
      setRefreshed(await apiSend<GdapRefresh>('POST', '/api/v1/cockpit/gdap/refresh'));
      summary.reload();
    } finally {
      setRefreshing(false);
    }
  };

  if (summary.error && !s) {
    return (
      <Alert color="red" title={t('cockpit.error', { message: describeProblem(summary.error) })}>
        <Button size="xs" variant="light" onClick={summary.reload}>
          {t('cockpit.retry')}
        </Button>
      </Alert>
    );
  }
  if (!s) {
    return (
      <Group>
        <Loader size="sm" />
        <Text>{t('cockpit.loading')}</Text>
      </Group>
    );
  }
  const c = s.customers;
  return (
    <Stack data-testid="cockpit">
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('cockpit.title')}</Title>
          <Text size="sm">{t('cockpit.intro')}</Text>
        </div>
        <Text size="xs" c="dimmed">
          {t('cockpit.generatedAt', { time: formatDate(s.generatedAt, 'dateTime') })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('cockpit.customers.title')} testId="cockpit-customers">
          <Group align="flex-start" wrap="nowrap">
            <Box inert>
              <DonutChart
                size={120}
                thickness={20}
                withTooltip={false}
                aria-hidden
                pieChartProps={{ accessibilityLayer: false }}
                data={[
                  { name: t('cockpit.customers.ready'), value: c.ready, color: 'green.7' },
                  { name: t('cockpit.customers.provisioning'), value: c.provisioning, color: 'blue.7' },
                  { name: t('cockpit.customers.notReady'), value: c.notReady, color: 'gray.6' },
                  { name: t('cockpit.customers.needsAttention'), value: c.needsAttention, color: 'red.7' },
                ]}
              />
            </Box>
            <Stack gap={6} style={{ flex: 1 }}>
              <Figure
                label={t('cockpit.customers.total')}
                value={c.total}
                to={listHref('customers', 'all')}
                testId="fig-customers-all"
              />
              <Figure
                label={t('cockpit.customers.ready')}
                value={c.ready}
                to={listHref('customers', 'ready')}
                testId="fig-customers-ready"
              />
              <Figure
                label={t('cockpit.customers.notReady')}
                value={c.notReady}
                to={listHref('customers', 'not_ready')}
                testId="fig-customers-not_ready"
              />
              <Figure
                label={t('cockpit.customers.provisioning')}
                value={c.provisioning}
                to={listHref('customers', 'provisioning')}
                testId="fig-customers-provisioning"
              />
              <Figure
                label={t('cockpit.customers.needsAttention')}
                value={c.needsAttention}
                to={listHref('customers', 'needs_attention')}
                testId="fig-customers-needs_attention"
                color="red.8"
              />
            </Stack>
          </Group>
          {c.notReadyReasons.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('cockpit.customers.reasons')}:{' '}
              {c.notReadyReasons
                .map((r) => `${reasonText(t, r.reason)} (${formatNumber(r.count)})`)
                .join(' · ')}
            </Text>
          )}
        </Section>
        <Section title={t('cockpit.weeks.title')} testId="cockpit-weeks">
          <BarChart
            h={160}
            aria-hidden
            barChartProps={{ accessibilityLayer: false }}
            data={s.tenantsPerWeek.map((w) => ({ week: formatDate(w.week), count: w.count }))}
            dataKey="week"
            series={[{ name: 'count', label: t('cockpit.weeks.count'), color: 'indigo.7' }]}
            tickLine="none"
            gridAxis="none"
            withYAxis={false}
          />
          <VisuallyHidden>
            {s.tenantsPerWeek.map((w) => `${formatDate(w.week)}: ${formatNumber(w.count)}`).join('; ')}
          </VisuallyHidden>
        </Section>
        <Section title={t('cockpit.gdap.title')} testId="cockpit-gdap">
          <Figure
            label={t('cockpit.gdap.active')}
            value={s.gdap.active}
            to={listHref('gdap', 'active')}
            testId="fig-gdap-active"
          />
          <Figure
            label={t('cockpit.gdap.expiring')}
            value={s.gdap.expiringIn30Days}
            to={listHref('gdap', 'expiring_30_days')}
            testId="fig-gdap-expiring_30_days"
            color="orange.9"
          />
          <Figure
            label={t('cockpit.gdap.expired')}
            value={s.gdap.expired}
            to={listHref('gdap', 'expired')}
            testId="fig-gdap-expired"
          />
          <Figure
            label={t('cockpit.gdap.globalAdmin')}
            value={s.gdap.withGlobalAdmin}
            to={listHref('gdap', 'global_admin')}
            testId="fig-gdap-global_admin"
            color="red.8"
          />
          <Figure
            label={t('cockpit.gdap.unassigned')}
            value={s.gdap.withoutAccessAssignments}
            to={listHref('gdap', 'without_access_assignments')}
            testId="fig-gdap-without_access_assignments"
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {s.gdap.syncedAt
                ? t('cockpit.gdap.syncedAt', { time: formatDate(s.gdap.syncedAt, 'dateTime') })
                : t('cockpit.gdap.neverSynced')}
            </Text>
            {can('connections.read') && (
              <Button size="xs" variant="light" onClick={() => void refresh()} loading={refreshing}>
                {t('cockpit.gdap.refresh')}
              </Button>
            )}
          </Group>
          {refreshed && (
            <Text size="xs" role="status">
              {t('cockpit.gdap.refreshed', {
                count: refreshed.relationships,
                connections: refreshed.connections,
              })}
            </Text>
          )}
        </Section>
        <Section title={t('cockpit.auth.title')} testId="cockpit-authorizations">
          <Figure
            label={t('cockpit.auth.pending')}
            value={s.authorizations.pending}
            to={listHref('authorizations', 'pending')}
            testId="fig-authorizations-pending"
          />
          <BarChart
            h={120}
            aria-hidden
            barChartProps={{ accessibilityLayer: false }}
            data={[
              { age: t('cockpit.auth.under30'), count: s.authorizations.byAge.under30 },
              { age: t('cockpit.auth.from30to60'), count: s.authorizations.byAge.from30to60 },
              { age: t('cockpit.auth.from60to90'), count: s.authorizations.byAge.from60to90 },
              { age: t('cockpit.auth.over90'), count: s.authorizations.byAge.over90 },
            ]}
            dataKey="age"
            series={[{ name: 'count', label: t('cockpit.auth.pending'), color: 'orange.7' }]}
            tickLine="none"
            gridAxis="none"
            withYAxis={false}
          />
          <Figure
            label={t('cockpit.auth.over90')}
            value={s.authorizations.byAge.over90}
            to={listHref('authorizations', 'over_90_days')}
            testId="fig-authorizations-over_90_days"
            color="red.8"
          />
        </Section>
        <Section title={t('cockpit.mca.title')} testId="cockpit-mca">
          <Figure
            label={t('cockpit.mca.pending')}
            value={s.mca.pendingAcceptance}
            to={listHref('mca', 'pending_acceptance')}
            testId="fig-mca-pending_acceptance"
          />
          {s.mca.oldestPendingDays !== null && (
            <Text size="xs" c="dimmed">
              {t('cockpit.mca.oldest', { days: s.mca.oldestPendingDays })}
            </Text>
          )}
          <Figure label={t('cockpit.mca.accepted')} value={s.mca.accepted} testId="fig-mca-accepted" />
          <Figure label={t('cockpit.mca.missing')} value={s.mca.missing} testId="fig-mca-missing" />
          <Figure
            label={t('cockpit.mca.reacceptance')}
            value={s.mca.needsReacceptance}
            testId="fig-mca-reacceptance"
          />
        </Section>
        <Section title={t('cockpit.resellers.title')} testId="cockpit-resellers">
          <Figure
            label={t('cockpit.resellers.total')}
            value={s.resellers.total}
            to={listHref('resellers', 'all')}
            testId="fig-resellers-all"
          />
          <Figure
            label={t('cockpit.resellers.eligible')}
            value={s.resellers.porEligible}
            to={listHref('resellers', 'por_eligible')}
            testId="fig-resellers-por_eligible"
          />
          <Figure
            label={t('cockpit.resellers.ineligible')}
            value={s.resellers.porIneligible}
            to={listHref('resellers', 'por_ineligible')}
            testId="fig-resellers-por_ineligible"
            color="red.8"
          />
          <Figure
            label={t('cockpit.resellers.unchecked')}
            value={s.resellers.porUnchecked}
            to={listHref('resellers', 'por_unchecked')}
            testId="fig-resellers-por_unchecked"
          />
          {s.resellers.customersPerReseller.length > 0 && (
            <BarChart
              h={140}
              aria-hidden
              barChartProps={{ accessibilityLayer: false }}
              data={s.resellers.customersPerReseller.map((r) => ({ name: r.name, customers: r.customers }))}
              dataKey="name"
              series={[{ name: 'customers', label: t('cockpit.col.customers'), color: 'teal.7' }]}
              tickLine="none"
              gridAxis="none"
              withYAxis={false}
            />
          )}
          {s.resellers.customersPerReseller.length > 0 && (
            <VisuallyHidden>
              {t('cockpit.resellers.customers')}:{' '}
              {s.resellers.customersPerReseller
                .map((r) => `${r.name} ${formatNumber(r.customers)}`)
                .join('; ')}
            </VisuallyHidden>
          )}
        </Section>
        <Section title={t('cockpit.subscriptions.title')} testId="cockpit-subscriptions">
          <Figure
            label={t('cockpit.subscriptions.renewing')}
            value={s.subscriptions.renewingIn30DaysWithoutAutoRenew}
            testId="fig-subscriptions-renewing"
          />
          <Figure
            label={t('cockpit.subscriptions.unused')}
            value={s.subscriptions.unusedLicences}
            testId="fig-subscriptions-unused"
          />
        </Section>
        <Section title={t('cockpit.orders.title')} testId="cockpit-orders">
          <Figure
            label={t('cockpit.orders.inProgress')}
            value={s.orders.inProgress}
            to={listHref('orders', 'in_progress')}
            testId="fig-orders-in_progress"
          />
          <Figure
            label={t('cockpit.orders.failed')}
            value={s.orders.failed}
            to={listHref('orders', 'failed')}
            testId="fig-orders-failed"
            color="red.8"
          />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

function reasonText(t: ReturnType<typeof useI18n>['t'], reason: string): string {
  return reason === 'never-provisioned' || reason === 'not-synced'
    ? t(cockpitKey(`cockpit.reason.${reason}`))
    : reason;
}

export default CockpitPanel;
