import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, CopyButton, Group, Loader, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages/en';
import { ApiError, apiFetch } from '../../api/api-client';
import { onboardingApi, splitEmails } from './new-service-client';
import type { Authorization, ListOf, OpenAuthorization, VerifyResult } from '@csphub/server/contract';

/** Refusals the panel explains in the reader's language (the tenant ownership rules). */
const REFUSALS: Record<string, MessageKey> = {
  RELINK_NOT_ALLOWED: 'ns.et.relinkRefused',
  PARTNER_ID_NOT_ALLOWED: 'ns.pid.notAllowedError',
};

/**
 * The existing-tenant branch of Configuration: the invitation link from Partner
 * Center with its ready text, the "customer authorization request" e-mail (TO required, CC
 * optional), and "Verify authorization" by the customer's default domain, with the confirmation
 * when the tenant is already linked to another account. Checkout stays disabled until verified.
 */
export function ExistingTenantPanel(props: {
  companyId: number;
  connectionId: string;
  resellerPartnerId: string | null;
  partnerName: string;
  authorization: OpenAuthorization | null;
  verify: VerifyResult | null;
  customerDomain: string;
  onAuthorization(a: OpenAuthorization): void;
  onVerify(v: VerifyResult): void;
  onCustomerDomain(d: string): void;
}) {
  const { t, formatDate } = useI18n();
  const [openFailure, setOpenFailure] = useState<{ key: string; message: string } | null>(null);
  const [sendOpen, setSendOpen] = useState(false);
  const [verifyOpen, setVerifyOpen] = useState(false);
  const { companyId, connectionId, resellerPartnerId, onAuthorization } = props;
  useEffect(() => {
    let cancelled = false;
    const key = `${connectionId}:${resellerPartnerId ?? ''}`;
    onboardingApi
      .openAuthorization(companyId, { connectionId, resellerPartnerId })
      .then((a) => !cancelled && onAuthorization(a))
      .catch((e: unknown) => !cancelled && setOpenFailure({ key, message: e instanceof ApiError && REFUSALS[e.code] ? t(REFUSALS[e.code]!) : e instanceof ApiError ? e.message : String(e) }));
    return () => {
      cancelled = true;
    };
  }, [companyId, connectionId, resellerPartnerId, onAuthorization, t]);

  const openError = openFailure && openFailure.key === `${connectionId}:${resellerPartnerId ?? ''}` ? openFailure.message : null;
  // Acceptance may be detected without the button (webhook, background check): look every 5 s.
  const pendingId = props.authorization?.authorization.state === 'pending' ? props.authorization.authorization.id : null;
  const current = props.authorization;
  useEffect(() => {
    if (!pendingId || !current) return;
    const timer = setInterval(() => {
      apiFetch<ListOf<Authorization>>('/api/v1/existing-tenant/authorizations?state=accepted')
        .then((r) => {
          const found = r.items.find((x) => x.id === pendingId);
          if (found) onAuthorization({ ...current, authorization: found });
        })
        .catch(() => undefined);
    }, 5000);
    return () => clearInterval(timer);
  }, [pendingId, current, onAuthorization]);

  if (openError) return <Alert color="red">{t('ns.et.openError', { message: openError })}</Alert>;
  if (!props.authorization) {
    return (
      <Group>
        <Loader size="sm" />
        <Text>{t('ns.et.opening')}</Text>
      </Group>
    );
  }
  const a = props.authorization.authorization;
  const accepted = a.state === 'accepted' || (props.verify?.status === 'verified' && props.verify.recorded);
  return (
    <Stack gap="sm" data-testid="existing-tenant-panel">
      <Text size="sm">{t(props.authorization.direct ? 'ns.et.instructionsDirect' : 'ns.et.instructions', { partner: props.partnerName })}</Text>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput label={t('ns.et.link')} value={a.invitationUrl} readOnly style={{ flex: 1 }} data-testid="invitation-link" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={a.invitationUrl}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? t('ns.et.copied') : t('ns.et.copyLink')}</Button>}</CopyButton>
      </Group>
      <Textarea label={t('ns.et.invitationText')} value={props.authorization.invitation.text} readOnly autosize minRows={4} maxRows={10} data-testid="invitation-text" />
      <Group gap="xs">
        <CopyButton value={props.authorization.invitation.text}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t('ns.et.copied') : t('ns.et.copyInvitation')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={() => setSendOpen(true)} disabled={a.state !== 'pending'}>
          {t('ns.et.send')}
        </Button>
        <Button onClick={() => setVerifyOpen(true)} variant={accepted ? 'default' : 'filled'}>
          {t('ns.et.verify')}
        </Button>
      </Group>
      {a.sentAt && (
        <Text size="sm" c="dimmed" data-testid="request-sent">
          {t('ns.et.sentAt', { when: formatDate(a.sentAt, 'dateTime'), to: a.sentTo.join(', ') })}
        </Text>
      )}
      {accepted && (
        <Alert color="green" data-testid="authorization-verified">
          {props.verify?.status === 'verified'
            ? t('ns.et.verified', { name: props.verify.companyName ?? '', domain: props.verify.defaultDomain ?? '' })
            : t('ns.et.accepted', { how: t(`ns.et.how.${a.detectedBy ?? 'verify'}`), domain: a.defaultDomain ?? '' })}
        </Alert>
      )}
      {props.verify && props.verify.status !== 'verified' && (
        <Alert color="yellow" data-testid="verify-problem" role="alert">
          {t(`ns.et.status.${props.verify.status}`, { domain: props.customerDomain, partner: props.partnerName })}
        </Alert>
      )}
      <SendRequestModal opened={sendOpen} onClose={() => setSendOpen(false)} companyId={companyId} connectionId={connectionId} onSent={(updated) => onAuthorization({ ...props.authorization!, authorization: updated })} />
      <VerifyModal
        opened={verifyOpen}
        onClose={() => setVerifyOpen(false)}
        companyId={companyId}
        connectionId={connectionId}
        domain={props.customerDomain}
        onDomain={props.onCustomerDomain}
        onResult={(v) => {
          props.onVerify(v);
          if (v.status === 'verified' && v.recorded) onAuthorization({ ...props.authorization!, authorization: { ...a, state: 'accepted', tenantId: v.tenantId ?? null, defaultDomain: v.defaultDomain ?? null, detectedBy: 'verify' } });
        }}
      />
    </Stack>
  );
}

function SendRequestModal(props: { opened: boolean; onClose(): void; companyId: number; connectionId: string; onSent(a: OpenAuthorization['authorization']): void }) {
  const { t } = useI18n();
  const [to, setTo] = useState('');
  const [cc, setCc] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async () => {
    const toList = splitEmails(to);
    if (toList.length === 0) return setError(t('ns.et.toRequired'));
    setBusy(true);
    setError(null);
    try {
      const updated = await onboardingApi.sendRequest(props.companyId, { connectionId: props.connectionId, to: toList, cc: splitEmails(cc) });
      props.onSent(updated);
      setDone(t('ns.et.sent', { to: toList.join(', ') }));
      props.onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {done && (
        <Alert color="green" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      <Modal opened={props.opened} onClose={props.onClose} title={t('ns.et.sendTitle')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack>
            <Text size="sm">{t('ns.et.sendIntro')}</Text>
            <TextInput label={t('ns.et.to')} description={t('ns.et.recipientsHint')} value={to} onChange={(e) => setTo(e.currentTarget.value)} required data-autofocus />
            <TextInput label={t('ns.et.cc')} description={t('ns.et.recipientsHint')} value={cc} onChange={(e) => setCc(e.currentTarget.value)} />
            {error && <Alert color="red">{error}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={props.onClose}>
                {t('ns.et.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('ns.et.sendSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function VerifyModal(props: {
  opened: boolean;
  onClose(): void;
  companyId: number;
  connectionId: string;
  domain: string;
  onDomain(d: string): void;
  onResult(v: VerifyResult): void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pendingConfirm, setPendingConfirm] = useState<VerifyResult | null>(null);
  const run = async (confirmRelink: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const v = await onboardingApi.verify(props.companyId, { connectionId: props.connectionId, domain: props.domain.trim(), confirmRelink });
      if (v.status === 'verified' && !v.recorded && (v.alreadyLinkedTo?.length ?? 0) > 0) {
        setPendingConfirm(v);
        return;
      }
      setPendingConfirm(null);
      props.onResult(v);
      props.onClose();
    } catch (e) {
      setPendingConfirm(null);
      // Refusals are translated by code; the server's text names no other company either.
      const byCode = e instanceof ApiError ? REFUSALS[e.code] : undefined;
      setError(byCode ? t(byCode) : e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t('ns.et.verifyTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(false);
        }}
      >
        <Stack>
          <TextInput label={t('ns.et.domain')} description={t('ns.et.domainHint')} value={props.domain} onChange={(e) => props.onDomain(e.currentTarget.value)} required data-autofocus data-testid="verify-domain" />
          {pendingConfirm && (
            <Alert color="yellow" data-testid="already-linked">
              <Stack gap="xs">
                <Text size="sm">{t('ns.et.alreadyLinked', { account: pendingConfirm.alreadyLinkedTo!.map((o) => o.companyName).join(', ') })}</Text>
                {/* The dialog's own Cancel (below) declines the move: one Cancel only. */}
                <Button size="xs" onClick={() => void run(true)} loading={busy} style={{ alignSelf: 'flex-start' }}>
                  {t('ns.et.confirmLink')}
                </Button>
              </Stack>
            </Alert>
          )}
          {error && <Alert color="red">{t('ns.et.verifyError', { message: error })}</Alert>}
          <Group justify="flex-end">
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setPendingConfirm(null);
                props.onClose();
              }}
            >
              {t('ns.et.cancel')}
            </Anchor>
            <Button type="submit" loading={busy} disabled={props.domain.trim() === ''}>
              {t('ns.et.verifySubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
