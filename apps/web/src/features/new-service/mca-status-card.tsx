import { useState } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { invalidateApi, useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { describeProblem } from '../../i18n/problem-text';
import { McaSignatoryFields } from './mca-signatory-fields';
import { onboardingApi } from './new-service-client';
import type { McaStatus } from '@csphub/server/contract';
import { signatoryProblems, type WizardState } from './wizard-state';

type Item = McaStatus['items'][number];

/**
 * The customer's Microsoft Customer Agreement in each linked connection, read live from Partner
 * Center (docs/PARTNER-CENTER-REFERENCE.md §5.6). When Microsoft published a newer version than the
 * one the customer accepted ("needs re-acceptance"), or none is on record, it says so, that orders
 * are held or refused until then, and offers "Request acceptance": the signatory gets Microsoft's
 * link by e-mail and the run (on the timeline) waits for them.
 */
export function McaStatusCard({ companyId, companyName, country, language }: { companyId: number; companyName: string; country: string | null; language: string }) {
  const status = useApi<McaStatus>(onboardingApi.mcaStatus(companyId));
  const items = (status.data?.items ?? []).filter((i) => i.state === 'outdated' || i.state === 'none');
  if (items.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="mca-status">
      {items.map((i) => (
        <McaNeedsAcceptance key={i.connectionId} item={i} companyId={companyId} defaults={{ companyName, country: (country ?? '').toUpperCase(), language: language.startsWith('es') ? 'es' : 'en' }} onRequested={status.reload} />
      ))}
    </Stack>
  );
}

function McaNeedsAcceptance({ item, companyId, defaults, onRequested }: { item: Item; companyId: number; defaults: WizardState['signatory']; onRequested(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [person, setPerson] = useState<WizardState['attestation']>({ firstName: '', lastName: '', email: '', phone: '', acceptedAt: '' });
  const [signatory, setSignatory] = useState<WizardState['signatory']>(defaults);
  const waiting = item.request?.state === 'running';
  const ready = signatoryProblems(person).length === 0 && signatory.companyName.trim() !== '' && /^[A-Z]{2}$/.test(signatory.country.trim());
  const send = async () => {
    setBusy(true);
    try {
      await onboardingApi.requestMcaAcceptance(companyId, {
        connectionId: item.connectionId,
        signatory: {
          firstName: person.firstName.trim(),
          lastName: person.lastName.trim(),
          email: person.email.trim(),
          ...(person.phone.trim() ? { phone: person.phone.trim() } : {}),
          companyName: signatory.companyName.trim(),
          country: signatory.country.trim(),
          language: signatory.language,
        },
      });
      notifications.show({ color: 'blue', message: t('mca.status.requested') });
      setOpen(false);
      onRequested();
      invalidateApi(onboardingApi.runs(companyId));
    } catch (e) {
      notifications.show({ color: 'red', title: t('mca.status.requestFailed'), message: describeProblem(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert color={waiting ? 'blue' : 'orange'} title={t(item.state === 'outdated' ? 'mca.status.outdated' : 'mca.status.none', { connection: item.connectionName })} data-testid={`mca-${item.state}`}>
      <Stack gap="xs">
        <Text size="sm">{t(waiting ? 'mca.status.waiting' : 'mca.status.hint')}</Text>
        {!waiting && !open && (
          <Group>
            <Button size="xs" onClick={() => setOpen(true)} data-testid="mca-request-open">
              {t('mca.status.request')}
            </Button>
          </Group>
        )}
        {!waiting && open && (
          <>
            <McaSignatoryFields person={person} signatory={signatory} onPerson={setPerson} onSignatory={setSignatory} />
            <Group>
              <Button size="xs" onClick={() => void send()} loading={busy} disabled={!ready || busy} data-testid="mca-request-send">
                {t('mca.status.send')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setOpen(false)}>
                {t('mca.status.cancel')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Alert>
  );
}
