import { useState } from 'react';
import { Alert, Box, Button, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { CockpitSummary, GdapRefresh } from '@csphub/server/contract';
import { useApi } from '../../api/use-api';
import { apiSend } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import { useSession } from '../auth/session';
import { cellValueKey } from './cockpit-text';
import { Figures, Section } from './cockpit-figures';
import { Donut, SummarisedBarChart } from './cockpit-charts';

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
  const readOut = (rows: { label: string; count: number }[]) => rows.map((r) => `${r.label}: ${formatNumber(r.count)}`).join('; ');
  const weeks = s.tenantsPerWeek.map((w) => ({ label: formatDate(w.week), count: w.count }));
  const ages = [
    { label: t('cockpit.auth.under30'), count: s.authorizations.byAge.under30 },
    { label: t('cockpit.auth.from30to60'), count: s.authorizations.byAge.from30to60 },
    { label: t('cockpit.auth.from60to90'), count: s.authorizations.byAge.from60to90 },
    { label: t('cockpit.auth.over90'), count: s.authorizations.byAge.over90 },
  ];
  const perReseller = s.resellers.customersPerReseller.map((r) => ({ label: r.name, count: r.customers }));
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
              <Donut
                size={120}
                thickness={20}
                data={[
                  { value: c.ready, color: 'green.7' },
                  { value: c.provisioning, color: 'blue.7' },
                  { value: c.notReady, color: 'gray.6' },
                  { value: c.needsAttention, color: 'red.7' },
                ]}
              />
            </Box>
            <Stack gap={6} style={{ flex: 1 }}>
              <Figures
                items={[
                  { key: 'all', label: t('cockpit.customers.total'), value: c.total, list: 'customers', filter: 'all' },
                  { key: 'ready', label: t('cockpit.customers.ready'), value: c.ready, list: 'customers', filter: 'ready' },
                  { key: 'not_ready', label: t('cockpit.customers.notReady'), value: c.notReady, list: 'customers', filter: 'not_ready' },
                  { key: 'provisioning', label: t('cockpit.customers.provisioning'), value: c.provisioning, list: 'customers', filter: 'provisioning' },
                  { key: 'needs_attention', label: t('cockpit.customers.needsAttention'), value: c.needsAttention, list: 'customers', filter: 'needs_attention', color: 'red' },
                ]}
              />
            </Stack>
          </Group>
          {c.notReadyReasons.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('cockpit.customers.reasons')}: {c.notReadyReasons.map((r) => `${reasonText(t, r.reason)} (${formatNumber(r.count)})`).join(' · ')}
            </Text>
          )}
        </Section>
        <Section title={t('cockpit.weeks.title')} testId="cockpit-weeks">
          <SummarisedBarChart h={160} data={weeks} color="indigo.7" summary={readOut(weeks)} />
        </Section>
        <Section title={t('cockpit.gdap.title')} testId="cockpit-gdap">
          <Figures
            items={[
              { key: 'active', label: t('cockpit.gdap.active'), value: s.gdap.active, list: 'gdap', filter: 'active' },
              { key: 'expiring', label: t('cockpit.gdap.expiring'), value: s.gdap.expiringIn30Days, list: 'gdap', filter: 'expiring_30_days', color: 'orange' },
              { key: 'expired', label: t('cockpit.gdap.expired'), value: s.gdap.expired, list: 'gdap', filter: 'expired' },
              { key: 'ga', label: t('cockpit.gdap.globalAdmin'), value: s.gdap.withGlobalAdmin, list: 'gdap', filter: 'global_admin', color: 'red' },
              { key: 'unassigned', label: t('cockpit.gdap.unassigned'), value: s.gdap.withoutAccessAssignments, list: 'gdap', filter: 'without_access_assignments' },
              { key: 'no-gdap', label: t('cockpit.gdap.resellerWithoutGdap'), value: s.gdap.resellerWithoutGdap, list: 'relationships', filter: 'reseller_without_gdap', color: 'orange' },
              { key: 'no-reseller', label: t('cockpit.gdap.gdapWithoutReseller'), value: s.gdap.gdapWithoutReseller, list: 'relationships', filter: 'gdap_without_reseller', color: 'orange' },
            ]}
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {s.gdap.syncedAt ? t('cockpit.gdap.syncedAt', { time: formatDate(s.gdap.syncedAt, 'dateTime') }) : t('cockpit.gdap.neverSynced')}
            </Text>
            {can('connections.read') && (
              <Button size="xs" variant="light" onClick={() => void refresh()} loading={refreshing}>
                {t('cockpit.gdap.refresh')}
              </Button>
            )}
          </Group>
          {refreshed && (
            <Text size="xs" role="status">
              {t('cockpit.gdap.refreshed', { count: refreshed.relationships, connections: refreshed.connections })}
            </Text>
          )}
        </Section>
        <Section title={t('cockpit.auth.title')} testId="cockpit-authorizations">
          <Figures items={[{ key: 'pending', label: t('cockpit.auth.pending'), value: s.authorizations.pending, list: 'authorizations', filter: 'pending' }]} />
          <SummarisedBarChart h={120} data={ages} color="orange.7" summary={readOut(ages)} />
          <Figures items={[{ key: 'over90', label: t('cockpit.auth.over90'), value: s.authorizations.byAge.over90, list: 'authorizations', filter: 'over_90_days', color: 'red' }]} />
        </Section>
        <Section title={t('cockpit.mca.title')} testId="cockpit-mca">
          <Figures items={[{ key: 'pending', label: t('cockpit.mca.pending'), value: s.mca.pendingAcceptance, list: 'mca', filter: 'pending_acceptance' }]} />
          {s.mca.oldestPendingDays !== null && (
            <Text size="xs" c="dimmed">
              {t('cockpit.mca.oldest', { days: s.mca.oldestPendingDays })}
            </Text>
          )}
          <Figures
            items={[
              { key: 'mca-accepted', label: t('cockpit.mca.accepted'), value: s.mca.accepted, list: 'mca', filter: 'accepted' },
              { key: 'mca-missing', label: t('cockpit.mca.missing'), value: s.mca.missing, list: 'mca', filter: 'missing', color: 'orange' },
              { key: 'mca-reacceptance', label: t('cockpit.mca.reacceptance'), value: s.mca.needsReacceptance, list: 'mca', filter: 'needs_reacceptance', color: 'orange' },
            ]}
          />
        </Section>
        <Section title={t('cockpit.resellers.title')} testId="cockpit-resellers">
          <Figures
            items={[
              { key: 'all', label: t('cockpit.resellers.total'), value: s.resellers.total, list: 'resellers', filter: 'all' },
              { key: 'eligible', label: t('cockpit.resellers.eligible'), value: s.resellers.porEligible, list: 'resellers', filter: 'por_eligible' },
              { key: 'ineligible', label: t('cockpit.resellers.ineligible'), value: s.resellers.porIneligible, list: 'resellers', filter: 'por_ineligible', color: 'red' },
              { key: 'unchecked', label: t('cockpit.resellers.unchecked'), value: s.resellers.porUnchecked, list: 'resellers', filter: 'por_unchecked' },
            ]}
          />
          {perReseller.length > 0 && (
            <SummarisedBarChart h={140} data={perReseller} color="teal.7" summary={`${t('cockpit.resellers.customers')}: ${readOut(perReseller)}`} />
          )}
        </Section>
        <Section title={t('cockpit.subscriptions.title')} testId="cockpit-subscriptions">
          <Figures
            items={[
              { key: 'subscriptions-renewing', label: t('cockpit.subscriptions.renewing'), value: s.subscriptions.renewingIn30DaysWithoutAutoRenew, list: 'subscriptions_ending', filter: 'auto_renew_off_30_days', color: 'orange' },
              { key: 'subscriptions-unused', label: t('cockpit.subscriptions.unused'), value: s.subscriptions.unusedLicences, list: 'licences', filter: 'unused', color: 'orange' },
            ]}
          />
        </Section>
        <Section title={t('cockpit.orders.title')} testId="cockpit-orders">
          <Figures
            items={[
              { key: 'in_progress', label: t('cockpit.orders.inProgress'), value: s.orders.inProgress, list: 'orders', filter: 'in_progress' },
              { key: 'failed', label: t('cockpit.orders.failed'), value: s.orders.failed, list: 'orders', filter: 'failed', color: 'red' },
            ]}
          />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

function reasonText(t: ReturnType<typeof useI18n>['t'], reason: string): string {
  const key = cellValueKey('customers', 'reason', reason);
  return key ? t(key) : reason;
}

export default CockpitPanel;
