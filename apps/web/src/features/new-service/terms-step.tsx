import { Alert, Anchor, Checkbox, Group, Loader, Stack, Text } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { onboardingApi } from './new-service-client';
import type { CustomerAgreementTerms } from '@csphub/server/contract';

/** Terms: the Microsoft Customer Agreement with its link from Partner Center, and an explicit accept. */
export function TermsStep(props: { companyId: number; connectionId: string | null; accepted: boolean; onAccepted(v: boolean): void }) {
  const { t } = useI18n();
  const terms = useApi<CustomerAgreementTerms>(props.connectionId ? onboardingApi.terms(props.companyId, props.connectionId) : null);
  if (!props.connectionId) return <Alert color="red">{t('ns.terms.noConnection')}</Alert>;
  return (
    <Stack>
      <Text>{t('ns.terms.intro')}</Text>
      {terms.loading && !terms.data && (
        <Group>
          <Loader size="sm" />
          <Text>{t('ns.terms.loading')}</Text>
        </Group>
      )}
      {terms.error && <Alert color="red">{terms.error.message}</Alert>}
      {terms.data && (
        <Anchor href={terms.data.link} target="_blank" rel="noreferrer" data-testid="mca-link">
          {t('ns.terms.link')}
        </Anchor>
      )}
      <Checkbox label={t('ns.terms.accept')} checked={props.accepted} onChange={(e) => props.onAccepted(e.currentTarget.checked)} />
    </Stack>
  );
}
