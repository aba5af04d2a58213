import { useState } from 'react';
import { Card, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import type { ListOf, OnboardingService } from '@csphub/server/contract';

type Service = OnboardingService;

/** Select service: a searchable list (by translated name, vendor and keywords). */
export function ServiceStep(props: { value: string | null; onChange(id: 'microsoft-tenant'): void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const services = useApi<ListOf<Service>>('/api/v1/onboarding/services');
  const q = query.trim().toLowerCase();
  const shown = (services.data?.items ?? []).filter((s) => q === '' || [t(`ns.service.${s.id}`), s.vendor, ...s.keywords].some((w) => w.toLowerCase().includes(q)));
  return (
    <Stack>
      <TextInput
        label={t('ns.service.search')}
        placeholder={t('ns.service.searchPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-autofocus
      />
      <Radio.Group value={props.value ?? ''} onChange={(v) => props.onChange(v as 'microsoft-tenant')} aria-label={t('ns.step.service')}>
        <Stack gap="xs">
          {shown.map((s) => (
            <Card key={s.id} withBorder padding="sm">
              <Group wrap="nowrap" align="flex-start">
                <Radio value={s.id} label={`${t(`ns.service.${s.id}`)} (${s.vendor})`} />
              </Group>
              <Text size="sm" c="dimmed" ml={32}>
                {t(`ns.service.${s.id}.description`)}
              </Text>
            </Card>
          ))}
        </Stack>
      </Radio.Group>
      {services.data && shown.length === 0 && <Text c="dimmed">{t('ns.service.none', { query })}</Text>}
    </Stack>
  );
}
