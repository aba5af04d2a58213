import { Fieldset, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { todayIso } from './new-service-api';
import type { WizardState } from './wizard-state';

/** The MCA attestation (B2): who accepted on the customer's side and when (not in the future). */
export function McaAttestationFields(props: { value: WizardState['attestation']; onChange(v: WizardState['attestation']): void }) {
  const { t } = useI18n();
  const a = props.value;
  const set = (k: keyof WizardState['attestation']) => (e: React.ChangeEvent<HTMLInputElement>) => props.onChange({ ...a, [k]: e.currentTarget.value });
  const today = todayIso();
  const emailBad = a.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email.trim());
  return (
    <Fieldset legend={t('ns.mca.title')}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('ns.mca.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('ns.mca.firstName')} value={a.firstName} onChange={set('firstName')} required autoComplete="off" />
        <TextInput label={t('ns.mca.lastName')} value={a.lastName} onChange={set('lastName')} required autoComplete="off" />
        <TextInput label={t('ns.mca.email')} type="email" value={a.email} onChange={set('email')} required error={emailBad ? t('ns.mca.emailInvalid') : undefined} />
        <TextInput label={t('ns.mca.phone')} type="tel" value={a.phone} onChange={set('phone')} />
        <TextInput
          label={t('ns.mca.date')}
          type="date"
          value={a.acceptedAt}
          max={today}
          onChange={set('acceptedAt')}
          required
          error={a.acceptedAt > today ? t('ns.mca.dateFuture') : undefined}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
