import { useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { problemText } from '../../i18n/problem-text';
import { onboardingApi } from './new-service-client';
import type { OpenAuthorization, VerifyResult } from '@csphub/server/contract';

/**
 * "Link <domain> to this account" for a tenant the connection already serves: one press opens
 * the authorization and verifies it by that domain on the server, under the same ownership rules as
 * Verify. A tenant linked to another account asks to confirm the move first; a verdict other than
 * "verified" is said in the person's words.
 */
export function VisibleTenantLink(props: {
  companyId: number;
  connectionId: string;
  domain: string;
  resellerPartnerId: string | null;
  partnerName: string;
  onLinked(result: { authorization: OpenAuthorization; verify: VerifyResult }): void;
}) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<VerifyResult | null>(null);
  const [verdict, setVerdict] = useState<VerifyResult | null>(null);
  const link = async (confirmRelink: boolean) => {
    setBusy(true);
    setError(null);
    setVerdict(null);
    try {
      const r = await onboardingApi.linkVisible(props.companyId, { connectionId: props.connectionId, domain: props.domain, resellerPartnerId: props.resellerPartnerId, confirmRelink });
      if (r.verify.status === 'verified' && r.verify.recorded) {
        setConfirm(null);
        props.onLinked(r);
      } else if (r.verify.status === 'verified') setConfirm(r.verify);
      else setVerdict(r.verify);
    } catch (e) {
      setConfirm(null);
      setError(e instanceof ApiError && e.code === 'RELINK_NOT_ALLOWED' ? t('ns.et.relinkRefused') : problemText(t, e, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      {confirm ? (
        <Alert color="yellow" data-testid="visible-tenant-confirm">
          <Stack gap="xs">
            <Text size="sm">{t('ns.et.alreadyLinked', { account: (confirm.alreadyLinkedTo ?? []).map((o) => o.companyName).join(', ') })}</Text>
            <Button size="compact-sm" onClick={() => void link(true)} loading={busy} style={{ alignSelf: 'flex-start' }} data-testid="visible-tenant-confirm-move">
              {t('ns.et.confirmLink')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <Button size="compact-sm" onClick={() => void link(false)} loading={busy} style={{ alignSelf: 'flex-start' }} data-testid="link-visible-tenant">
          {t('ns.config.linkVisible', { domain: props.domain })}
        </Button>
      )}
      {verdict && verdict.status !== 'verified' && (
        <Text size="sm" c="red" role="alert" data-testid="visible-tenant-verdict">
          {t(`ns.et.status.${verdict.status}`, { domain: props.domain, partner: props.partnerName })}
        </Text>
      )}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
