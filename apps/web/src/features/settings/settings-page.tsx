import { useState } from 'react';
import { Card, Group, Loader, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { DistributorSettings } from '@csphub/server/contract';
import { apiSend } from '../../api/api-client';
import { invalidateApi, useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../i18n/problem-alert';
import { useTree } from '../channel/tree-data';

/**
 * The distributor's settings (distributor admins): who receives a new tenant's credentials,
 * whether sub-customers need their own billing address, the GDAP new orders start with, and
 * the notification defaults. Each change is saved at once and audited by the API.
 */
export function SettingsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const settings = useApi<DistributorSettings>(can('settings.manage') ? '/api/v1/settings/distributor' : null);
  const { refresh } = useTree();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState<string | null>(null);
  if (!can('settings.manage')) return <Text>{t('settings.notAllowed')}</Text>;
  const change = async (patch: Partial<DistributorSettings>) => {
    setError(null);
    setSaving(Object.keys(patch)[0] ?? null);
    try {
      await apiSend('PATCH', '/api/v1/settings/distributor', patch);
      settings.reload();
      // The checklist and the tree's readiness follow the billing-address and e-mail rules.
      invalidateApi('/api/v1/settings/policy', '/api/v1/companies/');
      refresh();
      notifications.show({ color: 'green', message: t('settings.saved') });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(null);
    }
  };
  const s = settings.data;
  return (
    <Stack maw={760}>
      <Title order={1}>{t('settings.title')}</Title>
      <Text c="dimmed">{t('settings.intro')}</Text>
      {error !== null && <ProblemAlert error={error} withCloseButton onClose={() => setError(null)} />}
      {settings.error && !s && <ProblemAlert error={settings.error} />}
      {!s && settings.loading && <Loader size="sm" aria-label={t('common.loading')} />}
      {s && (
        <>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('settings.credentials.title')}
            </Title>
            <Radio.Group
              label={t('settings.credentials.label')}
              description={t('settings.credentials.help')}
              value={s.credentialsRecipient}
              onChange={(v) => void change({ credentialsRecipient: v as DistributorSettings['credentialsRecipient'] })}
            >
              <Stack gap="xs" mt="xs">
                <Radio value="customer" label={t('settings.credentials.customer')} disabled={saving !== null} />
                <Radio value="reseller" label={t('settings.credentials.reseller')} disabled={saving !== null} />
              </Stack>
            </Radio.Group>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('settings.prerequisites.title')}
            </Title>
            <Stack gap="sm">
              <Switch
                label={t('policy.subCustomerBilling')}
                description={t('policy.subCustomerBillingHelp')}
                checked={s.requireSubCustomerBillingAddress}
                disabled={saving !== null}
                onChange={(e) => void change({ requireSubCustomerBillingAddress: e.currentTarget.checked })}
              />
              <Switch label={t('policy.corporateEmail')} description={t('policy.corporateEmailHelp')} checked={s.requireCorporateEmail} disabled={saving !== null} onChange={(e) => void change({ requireCorporateEmail: e.currentTarget.checked })} />
            </Stack>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('settings.gdap.title')}
            </Title>
            <Radio.Group label={t('settings.gdap.label')} description={t('settings.gdap.help')} value={s.defaultGdapTemplate} onChange={(v) => void change({ defaultGdapTemplate: v as DistributorSettings['defaultGdapTemplate'] })}>
              <Stack gap="xs" mt="xs">
                <Radio value="microsoft-default-roles" label={t('settings.gdap.microsoft-default-roles')} disabled={saving !== null} />
                <Radio value="none" label={t('settings.gdap.none')} disabled={saving !== null} />
              </Stack>
            </Radio.Group>
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('settings.notifications.title')}
            </Title>
            <Stack gap="sm">
              <Switch label={t('settings.notifications.notifyMe')} description={t('settings.notifications.notifyMeHelp')} checked={s.notifyOrdererByDefault} disabled={saving !== null} onChange={(e) => void change({ notifyOrdererByDefault: e.currentTarget.checked })} />
              <Switch
                label={t('settings.notifications.subscriptions')}
                description={t('settings.notifications.subscriptionsHelp')}
                checked={s.subscriptionNotices}
                disabled={saving !== null}
                onChange={(e) => void change({ subscriptionNotices: e.currentTarget.checked })}
              />
              <Switch
                label={t('settings.notifications.resellersEdit')}
                description={t('settings.notifications.resellersEditHelp')}
                checked={s.resellersEditNotifications}
                disabled={saving !== null}
                onChange={(e) => void change({ resellersEditNotifications: e.currentTarget.checked })}
              />
            </Stack>
          </Card>
          <Group>
            <Text size="sm" c="dimmed">
              {t('settings.audited')}
            </Text>
          </Group>
        </>
      )}
    </Stack>
  );
}
