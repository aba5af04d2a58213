import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { apiSend } from '../../api/api-client';
import type { Company } from '@csphub/server/contract';
import type { ResellerRevalidation } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';
import { PartnerOfRecordBadge } from './partner-of-record-badge';

/**
 * A reseller's partner-of-record verdict (docs/PARTNER-CENTER-REFERENCE.md §7.1) on its company page:
 * the badge, when Microsoft was last asked, Microsoft's reason when it refused, and for distributor
 * staff a button that revalidates the whole reseller base at once.
 */
export function PartnerOfRecordSection({ por, canRevalidate, reload }: { por: NonNullable<Company['partnerOfRecord']>; canRevalidate: boolean; reload?: (() => void) | undefined }) {
  const { t, formatDate, formatNumber } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const revalidate = async () => {
    setBusy(true);
    try {
      const pass = await apiSend<ResellerRevalidation>('POST', '/api/v1/resellers/partner-of-record/revalidate');
      setOutcome({ ok: true, text: t('por.revalidated', { resellers: formatNumber(pass.resellers), changed: formatNumber(pass.changed), ineligible: formatNumber(pass.ineligible) }) });
      reload?.();
    } catch (e) {
      setOutcome({ ok: false, text: t('por.revalidateFailed', { message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} data-testid="partner-of-record">
      <Text size="xs" c="dimmed">
        {t('por.title')}
      </Text>
      <Group gap="xs">
        <PartnerOfRecordBadge status={por.status} reason={por.errorDescription} code={por.errorCode} />
        {por.checkedAt && (
          <Text size="xs" c="dimmed">
            {t('por.checkedAt', { date: formatDate(por.checkedAt, 'dateTime') })}
          </Text>
        )}
      </Group>
      {por.status === 'ineligible' && (
        <Alert color="red" variant="light" p="xs">
          <Text size="sm">{t('por.reason', { reason: por.errorDescription ?? t('por.noReason'), code: por.errorCode ? String(por.errorCode) : '—' })}</Text>
        </Alert>
      )}
      {canRevalidate && (
        <Group gap="xs">
          <Button size="xs" variant="light" loading={busy} onClick={() => void revalidate()}>
            {t('por.revalidate')}
          </Button>
          {outcome && (
            <Text size="xs" c={outcome.ok ? 'dimmed' : 'red'} role="status">
              {outcome.text}
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );
}
