import { Fieldset, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { WizardState } from './wizard-state';

/**
 * The customer's signatory (Microsoft's enhanced MCA attestation, docs/PARTNER-CENTER-REFERENCE.md
 * §5.5): the person who reads and accepts the Microsoft Customer Agreement from the link CSP Hub
 * e-mails them, with the company, country and language the agreement is shown for. Used by the
 * new-tenant wizard and the storefront; the run waits for their acceptance.
 */
export function McaSignatoryFields(props: {
  person: WizardState['attestation'];
  signatory: WizardState['signatory'];
  onPerson(v: WizardState['attestation']): void;
  onSignatory(v: WizardState['signatory']): void;
}) {
  const { t } = useI18n();
  const a = props.person;
  const s = props.signatory;
  const setPerson = (k: 'firstName' | 'lastName' | 'email' | 'phone') => (e: React.ChangeEvent<HTMLInputElement>) => props.onPerson({ ...a, [k]: e.currentTarget.value });
  const emailBad = a.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email.trim());
  const countryBad = s.country.trim() !== '' && !/^[A-Za-z]{2}$/.test(s.country.trim());
  return (
    <Fieldset legend={t('ns.signatory.title')} data-testid="mca-signatory">
      <Text size="sm" c="dimmed" mb="xs">
        {t('ns.signatory.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('ns.mca.firstName')} value={a.firstName} onChange={setPerson('firstName')} required autoComplete="off" data-testid="signatory-first-name" />
        <TextInput label={t('ns.mca.lastName')} value={a.lastName} onChange={setPerson('lastName')} required autoComplete="off" data-testid="signatory-last-name" />
        <TextInput label={t('ns.mca.email')} type="email" value={a.email} onChange={setPerson('email')} required error={emailBad ? t('ns.mca.emailInvalid') : undefined} data-testid="signatory-email" />
        <TextInput label={t('ns.mca.phone')} type="tel" value={a.phone} onChange={setPerson('phone')} data-testid="signatory-phone" />
        <TextInput label={t('ns.signatory.company')} value={s.companyName} onChange={(e) => props.onSignatory({ ...s, companyName: e.currentTarget.value })} required />
        <TextInput
          label={t('ns.signatory.country')}
          description={t('ns.signatory.countryHint')}
          value={s.country}
          maxLength={2}
          onChange={(e) => props.onSignatory({ ...s, country: e.currentTarget.value.toUpperCase() })}
          error={countryBad ? t('ns.signatory.countryInvalid') : undefined}
          required
        />
        <Select
          label={t('ns.signatory.language')}
          data={[
            { value: 'en', label: t('ns.signatory.language.en') },
            { value: 'es', label: t('ns.signatory.language.es') },
          ]}
          value={s.language}
          allowDeselect={false}
          onChange={(v) => v && props.onSignatory({ ...s, language: v === 'es' ? 'es' : 'en' })}
        />
      </SimpleGrid>
    </Fieldset>
  );
}
