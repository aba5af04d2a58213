import { useEffect } from 'react';
import { Alert, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { MAX_DOMAIN_PREFIX_LENGTH } from '@csphub/domain';
import { useI18n } from '../../i18n/i18n';
import { problemText } from '../../i18n/problem-text';
import type { DomainCheck, OpenAuthorization, VerifyResult } from '@csphub/server/contract';
import { VisibleTenantLink } from './visible-tenant-link';
import { useDomainCheck } from './use-domain-check';

/**
 * The onmicrosoft.com prefix, checked as you type: format first, then availability against
 * Partner Center 400 ms after typing stops. A taken prefix says so (it may be this customer's
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
  /** What the one-press link of a visible tenant needs, and what to do once it is linked. */
  visibleLink: { resellerPartnerId: string | null; partnerName: string; onLinked(result: { authorization: OpenAuthorization; verify: VerifyResult }): void };
}) {
  const { t, locale } = useI18n();
  const { companyId, connectionId, onChecked } = props;
  // The same live check as the company page's inline edit (use-domain-check.ts).
  const live = useDomainCheck(companyId, connectionId, props.value);
  const prefix = live.prefix;
  useEffect(() => {
    if (live.check) onChecked(live.check);
  }, [live.check, onChecked]);

  const domain = `${prefix || '…'}.onmicrosoft.com`;
  const error = live.error ? problemText(t, live.error, locale) : null;
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
              <VisibleTenantLink companyId={companyId} connectionId={connectionId} domain={current.domain} {...props.visibleLink} />
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
