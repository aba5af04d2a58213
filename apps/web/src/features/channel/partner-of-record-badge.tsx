import { Badge, Tooltip } from '@mantine/core';
import type { Company } from '@csphub/server/contract';
import { useI18n } from '../../i18n/i18n';

export type PorStatus = NonNullable<Company['partnerOfRecord']>['status'];

const COLORS: Record<PorStatus, string> = { eligible: 'green', ineligible: 'red', unchecked: 'gray' };

/**
 * Whether Microsoft accepts a reseller's Partner Location ID as partner of record
 * (docs/PARTNER-CENTER-REFERENCE.md §7.1), with Microsoft's reason in the tooltip when it does not.
 * `compact` is the tree's form: shown only for an ineligible reseller.
 */
export function PartnerOfRecordBadge({ status, reason, code, compact = false }: { status: PorStatus; reason?: string | null; code?: number | null; compact?: boolean }) {
  const { t } = useI18n();
  if (compact && status !== 'ineligible') return null;
  const label = t(`por.status.${status}`);
  const detail = status === 'ineligible' ? t('por.reason', { reason: reason ?? t('por.noReason'), code: code ? String(code) : '—' }) : t(`por.hint.${status}`);
  return (
    <Tooltip label={detail} multiline w={320} withArrow>
      <Badge size={compact ? 'xs' : 'sm'} color={COLORS[status]} variant={compact ? 'filled' : 'light'} aria-label={`${label}. ${detail}`} data-testid="por-badge" data-status={status}>
        {compact ? t('por.compact') : label}
      </Badge>
    </Tooltip>
  );
}
