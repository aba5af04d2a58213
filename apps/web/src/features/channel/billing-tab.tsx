import { Alert, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Company } from '@csphub/server/contract';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { InlineField } from './inline-field';
import { countryName, countryOptions, fieldRules, stateName, stateOptions } from './field-rules';
import { describeProblem } from '../../i18n/problem-text';

/** The billing address, with "use my reseller's address" for a reseller's customers. */
export function BillingTab({ company, save }: { company: Company; save: (patch: Partial<Company>) => Promise<void> }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const rules = fieldRules(t);
  const [error, setError] = useState<string | null>(null);
  const editable = can('company.update') && company.status === 'active';
  const on = (field: keyof Company) => (editable ? (v: string | null) => save({ [field]: v }) : undefined);
  const usesReseller = company.billingUsesResellerAddress;
  const r = company.reseller?.billingAddress;
  const run = (patch: Partial<Company>) => save(patch).catch((e: unknown) => setError(describeProblem(e)));
  return (
    <Stack>
      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {company.reseller && (
        <Card withBorder>
          <Switch
            label={t('billing.useReseller', { reseller: company.reseller.name })}
            description={t('billing.useResellerHelp')}
            checked={usesReseller}
            disabled={!editable}
            onChange={(e) => void run({ billingUsesResellerAddress: e.currentTarget.checked })}
          />
          {usesReseller && r && (
            <Text size="sm" mt="sm" data-testid="reseller-address">
              {[r.line1, r.city, r.state, r.postalCode, countryName(r.country, locale)].filter(Boolean).join(', ') || t('billing.resellerHasNone')}
            </Text>
          )}
        </Card>
      )}
      {!usesReseller && (
        <Card withBorder>
          <Group justify="space-between" mb="sm">
            <Title order={3} size="h5">
              {t('billing.address')}
            </Title>
            {editable && (
              <Button
                size="compact-sm"
                variant="light"
                onClick={() =>
                  void run({
                    billingLine1: company.addressLine1,
                    billingLine2: company.addressLine2,
                    billingCity: company.city,
                    billingState: company.state,
                    billingPostalCode: company.postalCode,
                    billingCountry: company.country,
                  })
                }
              >
                {t('billing.copyContact')}
              </Button>
            )}
          </Group>
          <Stack gap="sm">
            <InlineField name="billingLine1" label={t('billing.line1')} value={company.billingLine1} onSave={on('billingLine1')} />
            <InlineField name="billingLine2" label={t('billing.line2')} value={company.billingLine2} onSave={on('billingLine2')} />
            <InlineField name="billingCity" label={t('billing.city')} value={company.billingCity} onSave={on('billingCity')} />
            <InlineField
              name="billingState"
              label={t('billing.state')}
              value={company.billingState}
              display={stateName(company.billingCountry, company.billingState)}
              validate={rules.state(company.billingCountry)}
              options={stateOptions(company.billingCountry)}
              onSave={on('billingState')}
            />
            <InlineField
              name="billingPostalCode"
              label={t('billing.postalCode')}
              value={company.billingPostalCode}
              validate={rules.postalCode(company.billingCountry)}
              onSave={on('billingPostalCode')}
            />
            <InlineField
              name="billingCountry"
              label={t('billing.country')}
              value={company.billingCountry}
              display={countryName(company.billingCountry, locale)}
              options={countryOptions(locale)}
              onSave={on('billingCountry')}
            />
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
