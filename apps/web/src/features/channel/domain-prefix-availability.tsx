import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { isValidDomainPrefix } from '@csphub/domain';
import { useDomainCheck } from '../new-service/use-domain-check';
import { useI18n } from '../../i18n/i18n';
import { problemText } from '../../i18n/problem-text';

/**
 * Under the company page's inline domain-prefix edit: the wizard's live availability check (one
 * hook, use-domain-check.ts), with free alternatives one click away when the prefix is taken.
 * Nothing is checked for the prefix already saved or one that does not pass the format rule.
 */
export function DomainPrefixAvailability({ companyId, connectionId, draft, saved, onPick }: { companyId: number; connectionId: string; draft: string; saved: string | null; onPick: (prefix: string) => void }) {
  const { t, locale } = useI18n();
  const prefix = draft.trim().toLowerCase();
  const enabled = prefix !== '' && prefix !== (saved ?? '').toLowerCase() && isValidDomainPrefix(prefix);
  const live = useDomainCheck(companyId, connectionId, draft, enabled);
  if (!enabled) return null;
  const domain = `${prefix}.onmicrosoft.com`;
  if (live.error) return <Alert color="red">{t('ns.config.prefixError', { message: problemText(t, live.error, locale) })}</Alert>;
  if (live.checking || !live.check) {
    return (
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="inline-domain-result">
        {t('ns.config.prefixChecking', { domain })}
      </Text>
    );
  }
  if (live.check.available) {
    return (
      <Text size="sm" c="green" aria-live="polite" data-testid="inline-domain-result">
        {t('ns.config.prefixAvailable', { domain })}
      </Text>
    );
  }
  return (
    <Alert color="yellow" data-testid="inline-domain-result">
      <Stack gap="xs">
        <Text size="sm">{t('ns.config.prefix.taken', { domain })}</Text>
        {live.check.suggestions.length > 0 && (
          <Group gap="xs">
            <Text size="sm">{t('ns.config.prefixSuggestions')}</Text>
            {live.check.suggestions.map((s) => (
              <Button key={s} size="compact-sm" variant="light" onClick={() => onPick(s)}>
                {s}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
