import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { MAX_DOMAIN_PREFIX_LENGTH } from '@csphub/domain';
import { useI18n } from '../../i18n/i18n';
import { ApiError } from '../../api/api-client';
import { onboardingApi, type DomainCheck } from './new-service-api';
import { useDebouncedValue } from './use-debounced-value';

/**
 * The onmicrosoft.com prefix, checked as you type (B2): format first, then availability against
 * Partner Center 400 ms after typing stops. A taken prefix says so (C3: it may be this customer's
 * own tenant) and offers free alternatives, each one click away.
 */
export function DomainPrefixField(props: {
  companyId: number;
  connectionId: string;
  value: string;
  check: DomainCheck | null;
  onChange(value: string): void;
  onChecked(check: DomainCheck | null): void;
  onUseExisting(): void;
}) {
  const { t } = useI18n();
  const prefix = props.value.trim().toLowerCase();
  const debounced = useDebouncedValue(prefix, 400);
  const [failure, setFailure] = useState<{ prefix: string; message: string } | null>(null);
  const { companyId, connectionId, onChecked } = props;
  useEffect(() => {
    if (debounced === '') return;
    let cancelled = false;
    onboardingApi
      .domainCheck(companyId, connectionId, debounced)
      .then((c) => !cancelled && onChecked(c))
      .catch((e: unknown) => !cancelled && setFailure({ prefix: debounced, message: e instanceof ApiError ? e.message : String(e) }));
    return () => {
      cancelled = true;
    };
  }, [debounced, companyId, connectionId, onChecked]);

  const domain = `${prefix || '…'}.onmicrosoft.com`;
  const error = failure && failure.prefix === prefix ? failure.message : null;
  const current = props.check && props.check.prefix === prefix ? props.check : null;
  const checking = prefix !== '' && !current && !error;
  const problem = current?.problem ? t(`ns.config.prefix.${current.problem}`, { domain: current.domain, max: MAX_DOMAIN_PREFIX_LENGTH }) : null;
  return (
    <Stack gap={6}>
      <TextInput
        label={t('ns.config.prefix')}
        description={t('ns.config.prefixHint', { max: MAX_DOMAIN_PREFIX_LENGTH })}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        rightSection={checking ? <Loader size="xs" /> : current?.available ? <IconCheck size={16} color="var(--mantine-color-green-6)" /> : null}
        rightSectionPointerEvents="none"
        error={current && !current.valid ? problem : undefined}
        autoComplete="off"
        spellCheck={false}
        data-testid="domain-prefix"
        required
      />
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="domain-result">
        {checking ? t('ns.config.prefixChecking', { domain }) : current?.available ? t('ns.config.prefixAvailable', { domain }) : t('ns.config.prefixResult', { domain })}
      </Text>
      {error && <Alert color="red">{t('ns.config.prefixError', { message: error })}</Alert>}
      {current?.problem === 'taken' && (
        <Alert color="yellow" data-testid="domain-taken">
          <Stack gap="xs">
            <Text size="sm">{current.visibleTenant ? t(current.linkable ? 'ns.config.prefix.visible' : 'ns.config.prefix.visibleLocked', { domain: current.domain }) : problem}</Text>
            {current.suggestions.length > 0 && (
              <Group gap="xs">
                <Text size="sm">{t('ns.config.prefixSuggestions')}</Text>
                {current.suggestions.map((s) => (
                  <Button key={s} size="compact-sm" variant="light" onClick={() => props.onChange(s)}>
                    {s}
                  </Button>
                ))}
              </Group>
            )}
            {current.linkable ? (
              <Button size="compact-sm" onClick={props.onUseExisting} style={{ alignSelf: 'flex-start' }} data-testid="link-visible-tenant">
                {t('ns.config.linkVisible', { domain: current.domain })}
              </Button>
            ) : (
              !current.visibleTenant && (
                <Button size="compact-sm" variant="subtle" onClick={props.onUseExisting} style={{ alignSelf: 'flex-start' }}>
                  {t('ns.config.useExisting')}
                </Button>
              )
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
