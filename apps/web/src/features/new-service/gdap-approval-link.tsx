import { Alert, Button, CopyButton, Group, Text, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';

/**
 * The approval link of the GDAP relationship requested at onboarding: only the customer's Global
 * Admin can approve it, so it is shown (with a copy button) until then, with what waits for it.
 */
export function GdapApprovalLink(props: { url: string }) {
  const { t } = useI18n();
  return (
    <Alert color="blue" title={t('run.gdap.title')} data-testid="gdap-approval">
      <Text size="sm" mb="xs">
        {t('run.gdap.body')}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput aria-label={t('run.gdap.link')} value={props.url} readOnly style={{ flex: 1 }} data-testid="gdap-approval-link" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={props.url}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t('ns.et.copied') : t('run.gdap.copy')}</Button>}</CopyButton>
      </Group>
    </Alert>
  );
}
