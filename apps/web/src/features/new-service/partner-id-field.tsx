import { useEffect, useState } from 'react';
import { Alert, Loader, Stack, TextInput, VisuallyHidden } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { ApiError } from '../../api/api-client';
import { onboardingApi } from './new-service-client';
import type { PartnerIdVerdict } from '@csphub/server/contract';

/**
 * The reseller Partner ID, checked when the field loses focus with the one shared check on the
 * server: known, in the connection's network, Partner Agreement accepted. Each failure says what
 * the reseller must do. The same field serves both wizard branches. Only the distributor may name
 * another reseller; for everyone else the field shows the account's own reseller's Partner ID,
 * read-only (docs/CHANNEL-AND-ACCOUNTS.md, "Tenants and Partner IDs").
 */
export function PartnerIdField(props: {
  companyId: number;
  connectionId: string;
  resellerName: string;
  /** The caller may only use the account's own reseller's Partner ID: shown, not editable. */
  locked: boolean;
  value: string;
  verdict: PartnerIdVerdict | null;
  onChange(value: string): void;
  onVerdict(v: PartnerIdVerdict | null): void;
}) {
  const { t } = useI18n();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A Partner ID already on file (the reseller's, or the account's sync options) is checked at once.
  const { companyId, connectionId, onVerdict } = props;
  const [initial] = useState(() => (props.verdict ? '' : props.value.trim()));
  useEffect(() => {
    if (initial === '') return;
    let cancelled = false;
    onboardingApi
      .checkPartnerId(companyId, connectionId, initial)
      .then((v) => !cancelled && onVerdict(v))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [initial, companyId, connectionId, onVerdict]);
  const check = async () => {
    const id = props.value.trim();
    setError(null);
    if (props.verdict?.partnerId === id && id !== '') return;
    setChecking(true);
    try {
      props.onVerdict(await onboardingApi.checkPartnerId(props.companyId, props.connectionId, id === '' ? null : id));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setChecking(false);
    }
  };
  const v = props.verdict && (props.verdict.partnerId ?? '') === props.value.trim() ? props.verdict : null;
  const text = v ? t(`ns.pid.${v.status}`, { name: v.partnerName ?? props.value.trim(), distributor: v.distributorName }) : null;
  return (
    <Stack gap={6}>
      <TextInput
        label={t('ns.config.partnerId')}
        description={props.locked ? t('ns.config.partnerIdOwn', { reseller: props.resellerName }) : t('ns.config.partnerIdHint', { reseller: props.resellerName })}
        readOnly={props.locked}
        value={props.value}
        onChange={(e) => {
          props.onChange(e.currentTarget.value);
        }}
        onBlur={() => void check()}
        rightSection={checking ? <Loader size="xs" /> : null}
        inputMode="numeric"
        data-testid="partner-id"
      />
      {checking && <VisuallyHidden>{t('ns.config.partnerIdChecking')}</VisuallyHidden>}
      {v && v.status !== 'empty' && (
        <Alert color={v.status === 'ok' ? 'green' : 'yellow'} data-testid="partner-id-verdict" role={v.status === 'ok' ? 'status' : 'alert'}>
          {text}
        </Alert>
      )}
      {error && <Alert color="red">{t('ns.pid.error', { message: error })}</Alert>}
    </Stack>
  );
}
