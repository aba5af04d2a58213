import { useState } from 'react';
import { Alert, Card, Stack, Switch, Title } from '@mantine/core';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { useTree } from './tree-data';
import type { DistributorPolicy } from '@csphub/server/contract';
import { describeProblem } from '../../i18n/problem-text';

type Policy = DistributorPolicy;

/** The distributor's provisioning policy, for distributor admins on the distributor's page. */
export function PolicyCard() {
  const { t } = useI18n();
  const policy = useApi<Policy>('/api/v1/settings/policy');
  const { refresh } = useTree();
  const [error, setError] = useState<string | null>(null);
  const change = (patch: Partial<Policy>) =>
    apiSend('PATCH', '/api/v1/settings/policy', patch)
      .then(() => {
        policy.reload();
        refresh();
      })
      .catch((e: unknown) => setError(describeProblem(e)));
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t('policy.title')}
      </Title>
      {error && <Alert color="red">{error}</Alert>}
      {policy.data && (
        <Stack gap="sm">
          <Switch label={t('policy.corporateEmail')} description={t('policy.corporateEmailHelp')} checked={policy.data.requireCorporateEmail} onChange={(e) => void change({ requireCorporateEmail: e.currentTarget.checked })} />
          <Switch
            label={t('policy.subCustomerBilling')}
            description={t('policy.subCustomerBillingHelp')}
            checked={policy.data.requireSubCustomerBillingAddress}
            onChange={(e) => void change({ requireSubCustomerBillingAddress: e.currentTarget.checked })}
          />
        </Stack>
      )}
    </Card>
  );
}
