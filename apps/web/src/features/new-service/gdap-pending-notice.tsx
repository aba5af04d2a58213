import type { ReactNode } from 'react';
import { Alert, Text } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { GdapApprovalLink } from './gdap-approval-link';
import { onboardingApi } from './new-service-client';
import type { ListOf, Run } from '@csphub/server/contract';

/**
 * What a read of the tenant is missing when the GDAP request made at onboarding still waits for the
 * customer's approval: says so in the reader's language with the approval link, and keeps
 * Microsoft's answer as a details line. Without a pending request it shows `fallback`.
 */
export function GdapPendingNotice(props: { companyId: number; details: string; fallback: ReactNode }) {
  const { t } = useI18n();
  const runs = useApi<ListOf<Run>>(onboardingApi.runs(props.companyId));
  const url = runs.data?.items.map((r) => r.facts.gdapApprovalUrl).find((u): u is string => typeof u === 'string');
  if (!url) return <>{props.fallback}</>;
  return (
    <Alert color="orange" title={t('gdap.pending.title')} data-testid="gdap-pending">
      <Text size="sm" mb="xs">
        {t('gdap.pending.body')}
      </Text>
      <GdapApprovalLink url={url} />
      <Text size="xs" c="dimmed" mt="xs" data-raw-text>
        {t('gdap.pending.details', { details: props.details })}
      </Text>
    </Alert>
  );
}
