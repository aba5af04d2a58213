import { Link } from 'react-router';
import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { Company, Prerequisites } from '@csphub/server/contract';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { InlineField } from './inline-field';
import { PolicyCard } from './policy-card';
import { PartnerOfRecordSection } from './partner-of-record-section';
import { countryName, countryOptions, fieldRules, stateName, stateOptions } from './field-rules';

const LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'it', 'nl', 'pl', 'hu'];

/** Company details, contact details and account information, each field editable inline. */
export function OverviewTab({ company, prerequisites, save, reload }: { company: Company; prerequisites: Prerequisites | undefined; save: (patch: Partial<Company>) => Promise<void>; reload?: () => void }) {
  const { t, locale } = useI18n();
  const { can, session } = useSession();
  const rules = fieldRules(t);
  const editable = can('company.update') && company.status === 'active';
  const on = (field: keyof Company) => (editable ? (v: string | null) => save({ [field]: v }) : undefined);
  const parent = company.breadcrumbs.at(-2);
  const languageNames = new Intl.DisplayNames([locale], { type: 'language' });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          {t('company.section.details')}
        </Title>
        <Stack gap="sm">
          <InlineField name="name" label={t('company.field.name')} value={company.name} validate={rules.name} onSave={editable ? (v) => save({ name: v ?? '' }) : undefined} />
          <InlineField name="domain" label={t('company.field.domain')} value={company.domain} validate={rules.domain} onSave={on('domain')} />
          <InlineField name="id" label={t('company.field.numericId')} value={String(company.id)} />
          <InlineField
            name="registrationNumber"
            label={t('company.field.registrationNumber')}
            value={company.registrationNumber}
            validate={rules.registrationNumber(company.billingCountry ?? company.country)}
            onSave={on('registrationNumber')}
          />
          <div>
            <Text size="xs" c="dimmed">
              {t('company.field.parent')}
            </Text>
            {parent ? (
              <Anchor component={Link} to={`/companies/${parent.id}`} size="sm">
                {parent.name} ({parent.id})
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed" fs="italic">
                {company.parentId ? String(company.parentId) : t('common.empty')}
              </Text>
            )}
          </div>
          {company.kind === 'reseller' && (
            <InlineField
              name="partnerId"
              label={t('company.field.partnerId')}
              value={company.partnerId}
              validate={rules.partnerId}
              onSave={editable && session?.user.role.startsWith('distributor_') ? on('partnerId') : undefined}
            />
          )}
          {company.kind === 'reseller' && (
            <InlineField
              name="partnerLocationId"
              label={t('company.field.partnerLocationId')}
              value={company.partnerLocationId}
              validate={rules.partnerLocationId}
              onSave={editable && session?.user.role.startsWith('distributor_') ? on('partnerLocationId') : undefined}
            />
          )}
          {company.partnerOfRecord && <PartnerOfRecordSection por={company.partnerOfRecord} canRevalidate={session?.user.role.startsWith('distributor_') ?? false} reload={reload} />}
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          {t('company.section.contact')}
        </Title>
        <Stack gap="sm">
          <InlineField name="addressLine1" label={t('company.field.address')} value={company.addressLine1} onSave={on('addressLine1')} />
          <InlineField name="city" label={t('company.field.city')} value={company.city} onSave={on('city')} />
          <InlineField name="state" label={t('company.field.state')} value={company.state} display={stateName(company.country, company.state)} validate={rules.state(company.country)} options={stateOptions(company.country)} onSave={on('state')} />
          <InlineField name="country" label={t('company.field.country')} value={company.country} display={countryName(company.country, locale)} options={countryOptions(locale)} onSave={on('country')} />
          <InlineField name="postalCode" label={t('company.field.postalCode')} value={company.postalCode} validate={rules.postalCode(company.country)} onSave={on('postalCode')} />
          <InlineField
            name="email"
            label={t('company.field.email')}
            value={company.email}
            validate={rules.email}
            warn={rules.emailWarn(prerequisites?.policy.requireCorporateEmail ?? true)}
            onSave={on('email')}
          />
          <InlineField name="phone" label={t('company.field.phone')} value={company.phone} validate={rules.phone} onSave={on('phone')} />
          <InlineField name="contactPerson" label={t('company.field.contactPerson')} value={company.contactPerson} onSave={on('contactPerson')} />
          <InlineField name="technicalContact" label={t('company.field.technicalContact')} value={company.technicalContact} onSave={on('technicalContact')} />
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          {t('company.section.account')}
        </Title>
        <Stack gap="sm">
          <InlineField
            name="language"
            label={t('company.field.language')}
            value={company.language}
            display={languageNames.of(company.language) ?? company.language}
            options={LANGUAGES.map((l) => ({ value: l, label: languageNames.of(l) ?? l }))}
            onSave={editable ? (v) => save({ language: v ?? 'en' }) : undefined}
          />
          <InlineField name="salesManager" label={t('company.field.salesManager')} value={company.salesManager} onSave={on('salesManager')} />
          <InlineField name="marketplace" label={t('company.field.marketplace')} value={company.marketplace} onSave={on('marketplace')} />
        </Stack>
      </Card>
      {company.kind === 'distributor' && can('settings.manage') && <PolicyCard />}
    </SimpleGrid>
  );
}
