import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Loader,
  MultiSelect,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ListOf, WebhookEventCatalogue, WebhookSubscription } from '@csphub/server/contract';
import { apiSend } from '../../api/api-client';
import { useApi } from '../../api/use-api';
import { useSession } from '../auth/session';
import { useI18n } from '../../i18n/i18n';
import { ProblemAlert } from '../../i18n/problem-alert';
import { DeliveryLog } from './delivery-log';

/**
 * Webhook settings of the signed-in distributor or reseller: its subscriptions (add, turn off and
 * on, rotate the secret, delete), each one's delivery log and redelivery. Every change is audited
 * by the API; the secret is shown once, in the answer that made it.
 */
export function WebhooksPage() {
  const { t } = useI18n();
  const { can, session } = useSession();
  const company = session?.company;
  const allowed = can('webhooks.manage') && company !== undefined && company.kind !== 'customer';
  const base = company ? `/api/v1/companies/${company.id}/webhooks` : '';
  const subs = useApi<ListOf<WebhookSubscription>>(allowed ? base : null);
  const catalogue = useApi<WebhookEventCatalogue>(
    allowed ? '/api/v1/webhooks/event-types' : null,
  );
  const [error, setError] = useState<unknown>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  if (!allowed) return <Text>{t('webhooks.notAllowed')}</Text>;

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await work();
      subs.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const add = () =>
    run(async () => {
      const created = await apiSend<{ secret: string }>('POST', base, {
        url,
        events,
        ...(description ? { description } : {}),
      });
      setSecret(created.secret);
      setUrl('');
      setEvents([]);
      setDescription('');
    });

  return (
    <Stack maw={980}>
      <Title order={1}>{t('webhooks.title')}</Title>
      <Text c="dimmed">{t('webhooks.intro', { company: company.name })}</Text>
      {error !== null && <ProblemAlert error={error} withCloseButton onClose={() => setError(null)} />}
      {secret && (
        <Alert
          color="blue"
          title={t('webhooks.secret.title')}
          withCloseButton
          onClose={() => setSecret(null)}
        >
          <Stack gap="xs">
            <Code data-testid="webhook-secret">{secret}</Code>
            <Text size="sm">{t('webhooks.secret.help')}</Text>
          </Stack>
        </Alert>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('webhooks.add.title')}
        </Title>
        <Stack gap="sm">
          <TextInput
            label={t('webhooks.add.url')}
            description={t('webhooks.add.urlHelp')}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            placeholder="https://"
          />
          {/* Event types are the API's identifiers (as receivers see them), not words to translate. */}
          <div data-raw-text>
            <MultiSelect
              label={t('webhooks.add.events')}
              data={(catalogue.data?.items ?? []).map((e) => ({ value: e.type, label: e.type }))}
              value={events}
              onChange={setEvents}
              searchable
              comboboxProps={{ withinPortal: false }}
            />
          </div>
          <TextInput
            label={t('webhooks.add.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Group>
            <Button onClick={() => void add()} loading={busy} disabled={url === '' || events.length === 0}>
              {t('webhooks.add.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {subs.error && !subs.data && <ProblemAlert error={subs.error} />}
      {!subs.data && subs.loading && <Loader size="sm" aria-label={t('common.loading')} />}
      {subs.data?.items.length === 0 && <Text c="dimmed">{t('webhooks.empty')}</Text>}
      {subs.data?.items.map((s) => (
        <SubscriptionCard
          key={s.id}
          base={base}
          subscription={s}
          busy={busy}
          run={run}
          onSecret={setSecret}
        />
      ))}
    </Stack>
  );
}

function SubscriptionCard(props: {
  base: string;
  subscription: WebhookSubscription;
  busy: boolean;
  run: (work: () => Promise<void>) => Promise<void>;
  onSecret: (s: string) => void;
}) {
  const { t } = useI18n();
  const s = props.subscription;
  const path = `${props.base}/${s.id}`;
  return (
    <Card withBorder data-testid="webhook-subscription">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2}>
            <Text fw={600} style={{ wordBreak: 'break-all' }}>
              {s.url}
            </Text>
            {s.description && <Text size="sm">{s.description}</Text>}
            <Group gap={4}>
              {s.events.map((e) => (
                <Badge key={e} variant="light" tt="none" data-raw-text>
                  {e}
                </Badge>
              ))}
            </Group>
            {s.disabledReason === 'failing' && (
              <Text size="sm" c="red">
                {t('webhooks.disabledFailing')}
              </Text>
            )}
          </Stack>
          <Switch
            label={t('webhooks.enabled')}
            checked={s.enabled}
            disabled={props.busy}
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              void props.run(async () => {
                await apiSend('PATCH', path, { enabled });
                notifications.show({ color: 'green', message: t('webhooks.saved') });
              });
            }}
          />
        </Group>
        <Group>
          <Button
            variant="default"
            size="xs"
            disabled={props.busy}
            onClick={() =>
              void props.run(async () => {
                const r = await apiSend<{ secret: string }>('POST', `${path}/rotate-secret`);
                props.onSecret(r.secret);
                notifications.show({ color: 'green', message: t('webhooks.rotated') });
              })
            }
          >
            {t('webhooks.rotate')}
          </Button>
          <Button
            variant="default"
            color="red"
            size="xs"
            disabled={props.busy}
            onClick={() => {
              if (window.confirm(t('webhooks.deleteConfirm', { url: s.url })))
                void props.run(() => apiSend('DELETE', path));
            }}
          >
            {t('webhooks.delete')}
          </Button>
        </Group>
        <DeliveryLog path={path} enabled={s.enabled} />
      </Stack>
    </Card>
  );
}
